"""The terminal summary: a kind of warning with many members is counted, its first few shown."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from biocorr.report.terminal import print_summary


def test_many_warnings_of_one_kind_are_counted_and_few_kinds_shown_whole(opt_results):
    results = opt_results
    w = results.warnings[results.warnings["severity"] == "warning"]
    influence = int((w["code"] == "single-subject-influence").sum())
    pileups = int((w["code"] == "detection-limit-pileup").sum())
    assert influence > 5 and 0 < pileups <= 5
    out = StringIO()
    print_summary(results, Console(file=out, width=300))
    text = out.getvalue()
    head = f"{influence} warnings of kind single-subject-influence; the first 3 (all of them are in warnings.csv):"
    assert head in text
    assert text.count("deleting one subject changes the verdict") == 3
    assert text.count("at or below the lower limit") == pileups  # a short list is shown whole
    assert len(text.splitlines()) < 50  # was 180 lines for opt


def test_with_groups_declared_the_first_screen_leads_with_the_groups_and_names_the_pooled_rows(hivsn_results):
    """Issue #26: the pooled row mostly restates the group difference; it follows the
    within-group rows and is named for what it is, not 'all'."""
    out = StringIO()
    print_summary(hivsn_results, Console(file=out, width=300), top=40)
    text = out.getvalue()
    rows = [line for line in text.splitlines() if line.startswith("│")]
    subsets = [line.split("│")[1].strip() for line in rows]
    pooled = "pooled: Painful HIV-SN + Non-painful HIV-SN"
    assert "Subsets: " + pooled in text and " all " not in " ".join(subsets)
    assert subsets[0] != pooled and pooled in subsets
    first_pooled = subsets.index(pooled)
    assert all(s == pooled for s in subsets[first_pooled:])  # within-group rows first, the pooled ones after


def test_when_no_correlation_can_be_computed_the_screen_says_so_instead_of_an_empty_table(tmp_path):
    """Two lab values measured at different visits (a lab panel alone, one complete pair): no
    empty frame of headings, a sentence and the warning that says why."""
    import biocorr

    (tmp_path / "labs.csv").write_text("id,B12,VitD\n" + "".join(
        f"P{i},{300 + i if i % 2 else ''},{'' if i % 2 else 20 + i}\n" for i in range(9)
    ) + "P9,350,25\n", encoding="utf-8")  # fmt: skip
    spec = biocorr.parse_spec({"data": {"id": "id"}, "biomarker": [{"column": "B12"}, {"column": "VitD"}]})
    out = StringIO()
    print_summary(biocorr.analyze(biocorr.load(tmp_path / "labs.csv", spec)), Console(file=out, width=200))
    text = out.getvalue()
    assert "No correlation could be computed (the warnings below say why)." in text
    assert "┏" not in text and "'B12' × 'VitD' in subset 'all': only 1 complete pair(s)" in text
