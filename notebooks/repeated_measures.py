# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Repeated measures: IL-6 and pain over four visits (simulated data)
#
# **The data in this notebook are simulated** (seeded, below), not from any study: 14
# patients, each seen at four visits, with serum IL-6 and a 0-100 pain VAS at every visit.
# They are built the way such trials often look: patients differ a lot and stably in both
# IL-6 and pain (a patient with high IL-6 is not the one with high pain), while *within* a
# patient, visits with higher IL-6 come with more pain (a flare raises both).
#
# Three ways to correlate such a file, and what each answers:
#
# 1. **Pooled**: all 56 rows as if they were 56 subjects. Wrong twice over: it mixes the
#    between-patient and within-patient associations, and its p-value counts each patient
#    four times.
# 2. **Per visit**: one cross-sectional correlation per visit (14 patients each): valid, but
#    about differences *between* patients.
# 3. **Repeated-measures correlation** (`biocorr.rmcorr`; Bakdash & Marusich 2017): the
#    association *within* patients, common to all of them, on N - k - 1 degrees of freedom.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

import biocorr

rng = np.random.default_rng(20261122)  # simulated: change the seed and the numbers change
patients, visits = 14, 4
patient_il6 = rng.lognormal(1.0, 0.5, patients)  # stable differences between patients ...
patient_pain = rng.uniform(20, 80, patients)  # ... unrelated to their IL-6 level
flare = rng.normal(0, 1, (patients, visits))  # visit-to-visit flares raise both within a patient
long = pd.DataFrame(
    {
        "id": np.repeat([f"P{i + 1:02d}" for i in range(patients)], visits),
        "visit": np.tile(["week 0", "week 4", "week 8", "week 12"], patients),
        "il6": (patient_il6[:, None] * np.exp(0.25 * flare)).ravel(),
        "pain": np.clip(patient_pain[:, None] + 8 * flare + rng.normal(0, 4, (patients, visits)), 0, 100).ravel(),
    }
)
long.head(8)

# %% [markdown]
# ## 1. Pooled over all rows (what a spreadsheet correlation does)

# %%
pooled = biocorr.correlate(long, ["il6"], ["pain"], methods=["pearson"], diagnostics="none")
pooled[["n", "estimate", "ci_low", "ci_high", "p"]].round(3)

# %% [markdown]
# ## 2. One cross-sectional correlation per visit

# %%
per_visit = pd.concat(
    [
        biocorr.correlate(rows, ["il6"], ["pain"], methods=["pearson"], subset=visit, diagnostics="none")
        for visit, rows in long.groupby("visit", sort=False)
    ]
)
per_visit[["subset", "n", "estimate", "ci_low", "ci_high", "p"]].round(3)

# %% [markdown]
# ## 3. Repeated-measures correlation

# %%
within = biocorr.rmcorr(long, ["il6"], ["pain"], subject="id")
within[["method", "n", "df", "estimate", "ci_low", "ci_high", "p", "note"]].round(4)

# %% [markdown]
# The same number from an independent route: the ANCOVA `pain ~ C(id) + il6` fitted by
# statsmodels, whose slope t on its residual df gives r_rm = t / sqrt(t² + df) (R:
# `lm(pain ~ id + il6)`; the rmcorr package computes exactly this).

# %%
fit = smf.ols("pain ~ C(id) + il6", data=long).fit()
t, df = fit.tvalues["il6"], fit.df_resid
r_ancova = t / np.sqrt(t * t + df)
assert df == within["df"][0] and abs(r_ancova - within["estimate"][0]) < 1e-12
assert abs(fit.pvalues["il6"] - within["p"][0]) < 1e-12
round(r_ancova, 6), round(fit.pvalues["il6"], 6)

# %% [markdown]
# ## The picture
# Each patient's visits with their own fitted line (the common within-patient slope), and
# the one pooled line that ignores who is who.

# %%
fig, ax = plt.subplots(figsize=(6.5, 4.5), constrained_layout=True)
slope = fit.params["il6"]
colours = plt.cm.tab20(np.linspace(0, 1, patients))
for colour, (_, rows) in zip(colours, long.groupby("id")):
    ax.scatter(rows["il6"], rows["pain"], color=colour, s=22)
    xs = np.linspace(rows["il6"].min(), rows["il6"].max(), 2)
    ax.plot(xs, rows["pain"].mean() + slope * (xs - rows["il6"].mean()), color=colour, lw=1.2)
b1, b0 = np.polyfit(long["il6"], long["pain"], 1)
xs = np.linspace(long["il6"].min(), long["il6"].max(), 2)
ax.plot(xs, b0 + b1 * xs, color="black", ls="--", lw=1.5, label="pooled (ignores patients)")
ax.set_xlabel("IL-6 (pg/mL, simulated)")
ax.set_ylabel("Pain VAS (0-100, simulated)")
r_rm = within["estimate"][0]
ax.set_title(f"within patients r_rm = {r_rm:.2f}; pooled r = {pooled['estimate'][0]:.2f}", fontsize=10)
ax.legend(frameon=False, loc="upper right")
plt.show()

# %% [markdown]
# ## Reading
# The pooled correlation is weak and its p-value pretends 56 independent patients; the
# per-visit correlations (14 patients each) answer a between-patient question and scatter
# around zero; the repeated-measures correlation finds the within-patient association the
# data were built with, with a CI on 41 degrees of freedom (56 visits − 14 patients − 1).
# Report r_rm with its CI, df and the number of patients and visits; show the per-patient
# lines so a reader sees that the slope is common to the patients, which rmcorr assumes.

# %%
assert within["estimate"][0] > 0.5 and within["p"][0] < 0.001
assert abs(pooled["estimate"][0]) < within["estimate"][0]

# %% [markdown]
# ## 4. A change score per patient: `[data] per_subject`
# Another question the same file answers: do patients whose IL-6 rose most from week 0 to
# week 12 also gain the most pain? That needs one row per patient. With `per_subject = true`
# the spec names a column at a visit as `COLUMN@VISIT`, and a derivation across visits
# (difference, mean, area under the curve) is declared like any variable; biocorr reshapes
# the long file itself, with every exclusion still naming its spreadsheet row. 14 patients,
# so the CI is wide: say so when reporting it.

# %%
import tempfile
from pathlib import Path

folder = Path(tempfile.mkdtemp())
long.to_csv(folder / "long.csv", index=False)
(folder / "spec.toml").write_text(
    """
[data]
id = "id"
visit = "visit"
per_subject = true

[[biomarker]]
column = "dIL6"
label = "Change in IL-6, week 0 to 12"
difference = ["il6@week 12", "il6@week 0"]

[[score]]
column = "dpain"
label = "Change in pain, week 0 to 12"
difference = ["pain@week 12", "pain@week 0"]
range = [-100, 100]

[[score]]
column = "pain_auc"
label = "Pain over the 12 weeks (area under the curve)"
auc = ["pain@week 0", "pain@week 4", "pain@week 8", "pain@week 12"]
times = [0, 4, 8, 12]

[analysis]
methods = ["pearson", "spearman"]
robust = []
"""
)
per_patient = biocorr.analyze(biocorr.load(folder / "long.csv", folder / "spec.toml"))
per_patient.correlations[["x", "y", "method", "n", "estimate", "ci_low", "ci_high", "p"]].round(3)

# %% [markdown]
# The change-score correlation by hand (pandas pivot, scipy): the same numbers.

# %%
from scipy import stats

wide = long.pivot(index="id", columns="visit")
change_il6 = wide[("il6", "week 12")] - wide[("il6", "week 0")]
change_pain = wide[("pain", "week 12")] - wide[("pain", "week 0")]
by_hand = stats.pearsonr(change_il6, change_pain)
row = per_patient.correlations.query("y == 'dpain' and method == 'pearson'").iloc[0]
assert (
    row["n"] == patients and abs(row["estimate"] - by_hand.statistic) < 1e-12 and abs(row["p"] - by_hand.pvalue) < 1e-12
)
round(by_hand.statistic, 4), round(by_hand.pvalue, 4)
