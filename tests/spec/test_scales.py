"""The scale catalogue: a published range by column name, the narrowest scoring that holds the data."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr.spec.scales import catalogue_range


@pytest.mark.parametrize(
    ("column", "values", "expected"),
    [
        ("HADS_A", [0, 7, 21], (0, 21)),
        ("hads_depression", [3, 9], (0, 21)),
        ("BDI_II", [0, 40, 63], (0, 63)),
        ("PHQ9", [27], (0, 27)),
        ("GAD-7", [1, 20], (0, 21)),
        ("STAI_trait", [20, 80], (20, 80)),
        ("MADRS", [12], (0, 60)),
        ("HAMD17", [30], (0, 52)),
        ("HAM_A", [55], (0, 56)),
        ("FIQR_total", [50.5], (0, 100)),
        ("SF36_PF", [95], (0, 100)),
        ("EQ5D_VAS", [60], (0, 100)),
        ("PCS_total", [12, 40], (0, 52)),
        ("pcs", [0.5, 3.2], (0, 4)),
        ("hscl_anxiety", [1.2, 3.8], (1, 4)),
        ("HSCL25", [30, 90], (25, 100)),
        ("DASS_stress", [4, 20], (0, 21)),
        ("DASS_stress", [4, 36], (0, 42)),
        ("FSS", [2.1, 6.5], (1, 7)),
        ("FSS", [20, 63], (9, 63)),
        ("MFI_general", [4, 20], (4, 20)),
        ("VAS_pain", [0, 100], (0, 100)),
        ("VAS_cm", [0.5, 9.5], (0, 10)),
        ("NRS", [0, 10], (0, 10)),
        ("PlI", [0.4, 2.9], (0, 3)),
        ("plaque_index", [1], (0, 3)),
        ("gingival_index", [0, 3], (0, 3)),
        ("Calc.I", [0.2], (0, 3)),
        ("BOP_percent", [12, 88], (0, 100)),
        ("ODI_pre", [10, 60], (0, 100)),
        ("RMDQ", [3, 20], (0, 24)),
        ("PSQI_global", [4, 15], (0, 21)),
        ("ISI", [2, 25], (0, 28)),
        ("PSS10", [12, 30], (0, 40)),
        ("CESD", [5, 44], (0, 60)),
        ("PD4", [3.5, 99.2], (0, 100)),
        ("%PD>=5mm", [0, 41.7], (0, 100)),
        ("CAL_3mm", [8.3], (0, 100)),
        ("mean_PPD", [1.9, 6.9], (0, 15)),
        ("probing depth", [2.7], (0, 15)),
    ],
)
def test_a_named_scale_gets_its_published_range(column, values, expected):
    (low, high), why = catalogue_range(column, np.array(values, float))
    assert (low, high) == expected and why


def test_values_no_scoring_holds_get_a_comment_not_a_range_and_unknown_names_nothing():
    (low, high), why = catalogue_range("HADS_A", np.array([3.0, 25.0]))
    assert np.isnan(low) and np.isnan(high) and "no scoring holds the values (3 to 25)" in why
    assert catalogue_range("IL6", np.array([1.0, 2.0])) is None
    assert catalogue_range("age", np.array([30.0])) is None
    # words that merely contain the abbreviations are not the indices
    words = ("calcium", "calcitonin", "place", "bopx", "body", "crisis", "PD-1", "sPD1", "PD-L1", "CAL.avg", "update")
    assert all(catalogue_range(c, np.array([1.0])) is None for c in words)


@pytest.mark.parametrize(
    ("column", "values", "expected"),
    [
        ("PSQI_C1", [0, 1, 2, 3], "looks like a component or subscale"),  # 0.2 gave the global 0-21
        ("PCS_rumination", [0, 5, 12, 16], "looks like a component or subscale"),  # 0.2 gave the total 0-52
        ("HAMD21", [5, 20, 30], "looks like another version"),  # 0.2 gave the 17-item 0-52
        ("BDI_Q5", [0, 1, 3], "looks like a single item"),
        ("FIQ_item3", [0, 5, 10], "looks like a single item"),
    ],
)
def test_a_part_or_another_version_of_a_scale_gets_no_range_from_its_total(column, values, expected):
    (low, high), comment = catalogue_range(column, np.array(values, float))
    assert np.isnan(low) and np.isnan(high) and expected in comment


@pytest.mark.parametrize(
    ("column", "values", "expected"),
    [
        ("PSQI", [3, 10], (0.0, 21.0)),
        ("HAMD_17", [5, 30], (0.0, 52.0)),
        ("HADS_A", [3, 17], (0.0, 21.0)),  # a subscale the catalogue holds as one
        ("MFI_GF", [4, 18], (4.0, 20.0)),
        ("BPI_item3", [2, 9], (0.0, 10.0)),  # BPI is catalogued by its items
    ],
)
def test_the_totals_and_catalogued_parts_keep_their_ranges(column, values, expected):
    assert catalogue_range(column, np.array(values, float))[0] == expected
