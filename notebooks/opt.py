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
# # Serum TNF-α and other cytokines vs periodontal indices (OPT trial)
#
# The embedded `opt` dataset (medicaldata, MIT) holds baseline serum TNF-α, IL-1β, IL-6,
# IL-8, CRP, PGE2 and MMP-9 for 796 pregnant women, with ten periodontal indices. Most
# cytokine values sit at the assay floor: a textbook case where a Pearson r on the raw
# values says little, and the package should make that visible.

# %%
# %matplotlib inline
import pandas as pd

import biocorr
from biocorr.report import figures, heatmaps

pd.set_option("display.width", 140)
study = biocorr.datasets.load("opt")
study.warnings.query("severity == 'warning'")[["column", "message"]]

# %% [markdown]
# ## The pile-up, in numbers
# 74 % of TNF-α values equal 1.2 (the spec's `lower_limit`), and a second cluster sits at
# 6.9, probably another batch's floor: only about 60 values are measured concentrations.

# %%
tnf = study.data["OTNF1"].dropna()
counts = tnf.value_counts().head(3)
print(counts)
assert counts.index[0] == 1.2 and counts.iloc[0] == 591

# %% [markdown]
# ## What each method says
# With 591 tied values at the floor, Pearson's r is driven by the handful of extreme
# values; Spearman's ρ and Kendall's τ-b treat the floor as one tied rank, and their
# p-values use the tie corrections (`p_method` says so).

# %%
results = biocorr.analyze(study)
c = results.correlations
tnf_pd = c.query("x == 'OTNF1' and y == 'BL.PD.avg' and subset == 'all'")
tnf_pd[["method", "n", "estimate", "ci_low", "ci_high", "p", "p_method", "p_adjusted"]].round(4)

# %%
figures.scatter_figure(results, "OTNF1", "BL.PD.avg", "spearman", subset="all")

# %% [markdown]
# The raw-value scatter is dominated by two outlying concentrations. The rank–rank view is
# the picture behind Spearman's ρ: the floor is a vertical band of tied ranks.

# %%
figures.scatter_figure(results, "OTNF1", "BL.PD.avg", "spearman", subset="all", ranks=True)

# %% [markdown]
# ## Detectable values only
# A careful analyst also looks at the subjects whose TNF-α was actually measured (above
# both floors) and states the n: the API correlates any columns of any subset.

# %%
detected = study.data[study.data["OTNF1"] > 6.9]
print(len(detected), "subjects with TNF-α above both floors")
biocorr.correlate(
    detected, ["OTNF1"], ["BL.PD.avg", "BL..BOP", "BL.CAL.avg"], methods=["spearman", "kendall"], subset="TNF detected"
)[["y", "method", "n", "estimate", "ci_low", "ci_high", "p", "p_method"]].round(3)

# %% [markdown]
# ## All markers at once
# CRP and PGE2 are properly continuous and show the clearest (still small) associations;
# the floored cytokines show almost none.

# %%
heatmaps.heatmap_figure(results, "all", "spearman")

# %%
strongest = c.query("method == 'spearman' and subset == 'all'").nsmallest(5, "p_adjusted")
strongest[["x_label", "y_label", "n", "estimate", "ci_low", "ci_high", "p_adjusted"]].round(4)
