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
# # Checking reported correlations: a reviewer's worked example
#
# Two situations: (1) a paper reports "moderate correlations" between a biomarker and
# symptom scores in 14 patients and shares no data; (2) a paper shares its data, and we
# check that its numbers come out of it.

# %%
# %matplotlib inline
import tempfile
from pathlib import Path

import pandas as pd

from biocorr.claims import check_claims, check_text, read_claims
from biocorr.claims.sensitivity import sensitivity_table
from biocorr.datasets import example_path, load

pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 110)
examples = example_path("claims")  # the template ships with the package

# %% [markdown]
# ## 1. No data: internal consistency and what n = 14 can show
# `motivating_claims.csv` (`biocorr example claims` copies it) has the motivating design's four correlations (TNF-α
# rise vs pain, anxiety, depression, quality of life in 14 patients) with placeholder
# values: replace them with the paper's printed numbers, keeping their digits as printed.

# %%
claims = read_claims(examples / "motivating_claims.csv")
verdicts = check_claims(claims)
verdicts.query("check in ['p vs r and n', 'CI vs r and n']")[["claim_id", "check", "verdict", "reported", "recomputed"]]

# %% [markdown]
# The context a reviewer needs for "a moderate correlation in n = 14": the smallest r that
# reaches p < .05, the smallest r found with 80 % power, and how wide the CI is.

# %%
sensitivity_table(ns=(14, 24), rs=(0.3, 0.4, 0.5, 0.6)).round(2)

# %% [markdown]
# Text can be checked directly; statements are found with their position, and the verdicts
# agree with R's statcheck for APA-style r(df) statements.

# %%
text = """TNF-α rise correlated with pain, r(12) = .53, p = .049, and with anxiety, r(12) = .58, p = .01.
Depression: ρ = −.42 [−.71, −.02], n = 24; QoL r = −.61, p < .05, n = 14."""
check_text(text).query("check == 'p vs r and n'")[["claim_id", "verdict", "reported", "recomputed", "explanation"]]

# %% [markdown]
# ## 2. With data: deliberate mis-reports of the hivsn data
# Claims computed from the embedded `hivsn` data, then mis-reported the ways papers go
# wrong. The data mode recomputes each, and when one does not reproduce, searches the
# analyses the authors may have run instead, and lists every one that matches.

# %%
claims_csv = """id,x,y,subset,method,n,r,p
correct,current_cd4,eq-5d_vas,Painful HIV-SN,pearson,125,.26,.004
rounded_wrong,current_cd4,eq-5d_vas,Painful HIV-SN,pearson,125,.28,.004
wrong_n,current_cd4,hscl_depression,Painful HIV-SN,pearson,197,-.20,.027
one_tailed,current_cd4,hscl_depression,Painful HIV-SN,pearson,125,-.20,.014
subset_swapped,current_cd4,eq-5d_vas,Painful HIV-SN,pearson,197,.22,.002
method_swapped,current_cd4,hscl_depression,Painful HIV-SN,pearson,125,-.18,.049
"""
path = Path(tempfile.mkdtemp()) / "hivsn_claims.csv"
path.write_text(claims_csv)
v = check_claims(read_claims(path), load("hivsn"))
v.query("check in ['reproduce', 'variants', 'fragility']")[["claim_id", "check", "verdict", "recomputed"]]

# %%
v.query("claim_id == 'correct' and check == 'fragility'")["explanation"].item()
