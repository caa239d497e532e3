"""Data checks before any test: missing-value codes and values far beyond the rest, flagged with rows."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from biocorr.data.checks import suspicious_values
from biocorr.data.read import read_text_table
from biocorr.data.validate import validate
from biocorr.spec import parse_spec

SPEC = parse_spec(
    {
        "data": {"id": "id"},
        "biomarker": [{"column": "IL6"}, {"column": "CRP", "range": [0, 1000]}],
        "score": [{"column": "NRS"}, {"column": "Mood"}],
    }
)


def _table(**columns):
    n = len(next(iter(columns.values())))
    base = {"id": [f"S{i}" for i in range(n)], "IL6": np.linspace(1, 3, n), "CRP": np.linspace(1, 9, n)}
    base.update({"NRS": np.arange(n) % 11.0, "Mood": np.linspace(10, 20, n)})
    base.update(columns)
    return pd.DataFrame(base)


def test_a_999_code_in_a_0_10_scale_is_named_with_its_rows_and_the_fix():
    nrs = np.arange(12) % 11.0
    nrs[[3, 8]] = 999
    found = suspicious_values(_table(NRS=nrs), SPEC, np.arange(2, 14))
    assert [(w["code"], w["column"]) for w in found] == [("possible-missing-code", "NRS")]
    message = found[0]["message"]
    assert "2 value(s) 999 (row(s) 5, 10)" in message and "missing = [999]" in message
    assert found[0]["rows"] == "5, 10"  # all of them, in the rows column, whatever the message shows
    many = np.arange(30) % 11.0
    many[::3] = 999  # ten codes: the message shows eight, the rows column all ten
    flagged = suspicious_values(_table(NRS=many), SPEC, np.arange(2, 32))[0]
    assert "and 2 more" in flagged["message"] and flagged["rows"] == ", ".join(str(r) for r in range(2, 32, 3))


def test_negative_codes_among_positive_values_and_no_flag_where_the_code_is_plausible():
    mood = np.linspace(10, 20, 12)
    mood[0] = -99
    nrs = np.linspace(5, 98, 12)
    nrs[4] = 99  # a VAS up to 98: 99 is a plausible value, not a code
    found = suspicious_values(_table(Mood=mood, NRS=nrs), SPEC, np.arange(2, 14))
    # (an 'NRS' up to 99 is beyond the 0-10 numeric rating scale its name suggests: said too)
    assert [(w["code"], w["column"]) for w in found] == [
        ("outside-scale-range", "NRS"),
        ("possible-missing-code", "Mood"),
    ]
    assert "-99 (row(s) 2)" in found[1]["message"]


def test_a_value_ten_times_beyond_the_rest_is_flagged_but_a_declared_range_is_trusted():
    il6 = np.linspace(1, 3, 12)
    il6[6] = 45.0  # 15x the next largest: a typing or unit error?
    crp = np.linspace(1, 9, 12)
    crp[2] = 900.0  # CRP has a declared range: out-of-range handles it, no second warning
    found = suspicious_values(_table(IL6=il6, CRP=crp), SPEC, np.arange(2, 14))
    assert [(w["code"], w["column"]) for w in found] == [("extreme-value", "IL6")]
    assert "45 (row(s) 8) is more than 10 times every other value (3 at most)" in found[0]["message"]
    assert found[0]["rows"] == "8"
    skewed = np.array([0.5, 0.8, 1.1, 1.4, 2.0, 3.1, 4.9, 8.2, 15.0, 31.0])  # lognormal-like: no gap of 10x
    assert suspicious_values(_table(IL6=skewed), SPEC, np.arange(10)) == []


@pytest.mark.parametrize("n", [3, 2])
def test_too_few_values_are_not_judged(n):
    assert suspicious_values(_table(IL6=[1.0, 50.0, 999.0][:n]), SPEC, np.arange(n)) == []


def test_validate_reports_them_and_a_wide_file_raises_no_pandas_warning():
    columns = ",".join(f"v{i}" for i in range(120))
    rows = [f"S{r}," + ",".join(str((r * 7 + i) % 13 + 1) for i in range(120)) for r in range(15)]
    rows[4] = rows[4].replace(",", ",999,", 1).rsplit(",", 1)[0]  # v0 of S4 is 999
    raw = read_text_table(f"id,{columns}\n" + "\n".join(rows) + "\n")
    spec = parse_spec(
        {
            "data": {"id": "id"},
            "biomarker": [{"column": f"v{i}"} for i in range(60)],
            "score": [{"column": f"v{i}"} for i in range(60, 120)],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        study = validate(raw, spec)
    flagged = study.warnings[study.warnings["code"] == "possible-missing-code"]
    assert flagged["column"].tolist() == ["v0"] and "(row(s) 6)" in flagged["message"].item()


def test_a_score_named_like_a_known_scale_with_values_beyond_it_is_warned_about():
    """A VAS of 720 with no range declared was analysed without a word (the catalogue knew 0-100)."""
    from biocorr.spec import parse_spec

    spec = parse_spec({"biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}, {"column": "HADS_A"}]})
    vas, hads = [40, 55, 720, 70, 45, 66.0], [3, 5, 8, 12, 2, 9.0]
    data = pd.DataFrame({"TNF": np.linspace(1, 3, 6), "VAS": vas, "HADS_A": hads})
    found = suspicious_values(data, spec, np.arange(2, 8))
    codes = [(w["code"], w["column"], w["rows"]) for w in found]
    assert codes == [("extreme-value", "VAS", "4"), ("outside-scale-range", "VAS", "4")]
    assert found[1]["message"].startswith(
        "'VAS': 720 (row(s) 4) lie outside every scoring of the visual analogue scale its name suggests"
    )
    hscl = parse_spec({"biomarker": [{"column": "TNF"}], "score": [{"column": "HSCL"}]})
    mixed = pd.DataFrame({"TNF": np.linspace(1, 3, 6), "HSCL": [2.1, 3.0, 55, 60, 2.5, 70]})  # mean items and totals
    mixed_found = suspicious_values(mixed, hscl, np.arange(2, 8))
    assert [w["code"] for w in mixed_found] == ["outside-scale-range"]
    assert "values from 2.1 to 70 fit no single scoring (two scorings mixed?)" in mixed_found[0]["message"]
    declared = parse_spec({"biomarker": [{"column": "TNF"}], "score": [{"column": "VAS", "range": [0, 1000]}]})
    assert suspicious_values(data[["TNF", "VAS"]], declared, np.arange(2, 8)) == []  # a declared range is trusted
