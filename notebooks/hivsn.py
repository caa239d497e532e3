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
# # CD4 count vs anxiety, depression, quality of life and pain in HIV neuropathy
#
# The embedded `hivsn` dataset (Kamerman et al., *AIDS Behav* 2018; MIT licence) has the
# shape of the motivating fibromyalgia study: an immune marker (CD4 T-cell count), a
# patient group (painful HIV-associated sensory neuropathy, n = 125) and a comparison
# group (non-painful, n = 72), and symptom scores: anxiety and depression (HSCL-25),
# quality of life (EQ-5D VAS), pain intensity and catastrophizing (patients only).
#
# This notebook goes from the file to the tables, figures and sentences with the Python API.

# %%
# %matplotlib inline
import pandas as pd

import biocorr
from biocorr.report import apa, figures, heatmaps

pd.set_option("display.width", 140)
study = biocorr.datasets.load("hivsn")
print(biocorr.datasets.provenance("hivsn").splitlines()[0])
[(name, int(mask.sum())) for name, mask in study.subsets()]

# %% [markdown]
# ## Data quality first
# Nothing is dropped silently: `study.exclusions` lists every excluded cell or row with its
# reason (none here), and `study.warnings` says what deserves a second look.

# %%
print(len(study.exclusions), "exclusions")
study.warnings[["code", "severity", "column", "message"]]

# %% [markdown]
# ## Group comparison: does CD4 differ between painful and non-painful neuropathy?

# %%
results = biocorr.analyze(study)
g = results.group_comparisons
g[g.variable == "current_cd4"][
    [
        "test",
        "n1",
        "n2",
        "statistic",
        "p",
        "p_method",
        "effect_size_name",
        "effect_size",
        "effect_size_ci_low",
        "effect_size_ci_high",
    ]
]

# %%
figures.group_figure(results, "current_cd4")

# %% [markdown]
# ## Correlations of CD4 with every score, in each subset
# Each row names its method, its CI method, how its p-value was computed, and the family
# it was adjusted in (all CD4 × score tests of one method within one subset, Holm).

# %%
c = results.correlations
c[c.method == "spearman"][
    ["subset", "y_label", "n", "estimate", "ci_low", "ci_high", "p", "p_method", "p_adjusted", "family_size", "note"]
].round(3)

# %% [markdown]
# Pain intensity and catastrophizing were only measured in the painful group, so the
# non-painful subset has no pairs for them: the table says so in `note`, and so do the
# warnings, instead of leaving the rows out.

# %%
assert c.query("subset == 'Non-painful HIV-SN' and y == 'pain_intensity'")["p"].isna().all()
figures.biomarker_panel(results, "current_cd4", "spearman")

# %%
heatmaps.heatmap_figure(results, "Painful HIV-SN", "spearman")

# %% [markdown]
# ## How sure are we? Bootstrap intervals next to the analytic ones
# BCa bootstrap intervals (2,000 resamples of each pair's subjects, seeded by the spec)
# need no normality; they also exist for the robust rows, which have no analytic CI.
# Where the two kinds of interval disagree much, the Fisher-z interval's assumptions
# deserve a look.

# %%
boot = biocorr.add_bootstrap(results, 2000)
b = boot.correlations
b[(b.subset == "all") & b.method.isin(["spearman", "percbend"])][
    ["method", "y_label", "estimate", "ci_low", "ci_high", "boot_ci_low", "boot_ci_high", "n_bootstrap"]
].round(3)

# %%
both = b[(b.method == "spearman") & b.boot_ci_low.notna() & b.ci_low.notna()]
assert (both.boot_ci_low < both.estimate).all() and (both.estimate < both.boot_ci_high).all()

# %% [markdown]
# ## Written results
# Sentences and the methods paragraph are generated from the tables, so the text cannot
# disagree with the numbers.

# %%
for sentence in apa.results_sentences(results, "spearman")[:5]:
    print(sentence)
print()
print(apa.methods_paragraph(results))

# %% [markdown]
# Reading: CD4 count correlates weakly with quality of life (ρ ≈ .24 over all subjects,
# the CI excluding zero after Holm adjustment) and not detectably with anxiety or
# depression; the confidence intervals show how wide "no correlation" still is at these n.
