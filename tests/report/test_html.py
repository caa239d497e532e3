"""The report's HTML pieces: Table 1 in the tableone convention."""

from __future__ import annotations

from biocorr.report.html import _table1


def test_table1_shows_n_and_percent_for_each_level_of_a_categorical_covariate(hivsn_results):
    results = hivsn_results
    html = _table1(results)
    data = results.study.data
    for code, label in results.study.spec.groups:
        counts = data.loc[data["group"] == code, "sex"].value_counts()
        n = int(counts.sum())
        cell = "; ".join(f"{lvl} {k} ({100 * k / n:.0f}%)" for lvl, k in sorted(counts.items())) + f"; n = {n}"
        assert cell in html, (label, cell)
    assert "female 149 (76%); male 48 (24%); n = 197" in html  # all subjects
    assert "n (%) of each level" in html
    assert "<td>Sex</td><td>covariate</td>" in html


def test_the_data_section_says_none_in_words_for_a_study_without_a_group(hivsn_results):
    """A spec without a group printed 'Group column: None' (a Python value) in the report."""
    from dataclasses import replace

    from biocorr.report.html import _data_section

    study = hivsn_results.study
    assert f"Group column: <code>{study.spec.group_column}</code>" in _data_section(hivsn_results)
    ungrouped = replace(hivsn_results, study=replace(study, spec=replace(study.spec, group_column=None)))
    html = _data_section(ungrouped)
    assert "Group column: <code>none (one group)</code>" in html and ">None<" not in html
