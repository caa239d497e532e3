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
