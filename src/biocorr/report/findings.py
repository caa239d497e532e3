"""The report's first screen: the study in one line, the findings that survive adjustment, data quality in brief.

Everything here uses the study's one primary method (``AnalysisOptions.primary_method``): the
spec's ``primary``, else Spearman when it was computed, else the first method. A finding is a
primary-method correlation whose family-adjusted p is below .05; each carries its estimate, CI,
adjusted p, n and a one-line caution when a diagnostic disagrees (one subject flips the
verdict; another classical method disagrees on significance; the biomarker piles up at its
detection limit). When nothing survives, the strongest results are shown as such.
"""

from __future__ import annotations

import html

from ..analysis import Results
from ..analysis.summary import primary_findings
from ..format import fmt_ci_level, fmt_p_apa, fmt_r
from ..stats.methods import method_label
from ..stats.multiplicity import ADJUST_METHODS

e = html.escape
SHOWN = 8  # findings on the first screen; the rest are in the correlation table


def findings_section(results: Results) -> str:
    """The first screen of the report (HTML)."""
    study = results.study
    opts = study.spec.analysis
    method = method_label(opts.primary_method)
    sizes = ", ".join(f"{name} n = {int(mask.sum())}" for name, mask in study.subsets())
    rows, survive = primary_findings(results)
    n_tests = int(((results.correlations["method"] == opts.primary_method) & results.correlations["p"].notna()).sum())
    level = fmt_ci_level(opts.confidence, opts.alternative)
    adjust = ADJUST_METHODS[opts.adjust][1] if opts.adjust != "none" else "no"
    if rows.empty:
        body = "<p>No correlation could be computed (see Data quality).</p>"
    else:
        items = []
        for _, r in rows.head(SHOWN).iterrows():
            caution = f"<br><span class='caution'>Caution: {e(r['caution'])}.</span>" if r["caution"] else ""
            items.append(
                f"<li><strong>{e(str(r['x_label']))} and {e(str(r['y_label']))}</strong> "
                f"({e(str(r['subset_shown']))}): "
                f"{e(method)} = {fmt_r(r['estimate'])}, {level} CI [{fmt_r(r['ci_low'])}, {fmt_r(r['ci_high'])}], "
                f"{e(fmt_p_apa(r['p_adjusted'], 'adjusted p'))}, n = {int(r['n'])}{caution}</li>"
            )
        more = (
            f"<p>{len(rows) - SHOWN} more in the <a href='#correlations'>correlation table</a>.</p>"
            if len(rows) > SHOWN
            else ""
        )
        lead = (
            f"{len(rows)} of {n_tests} {e(method)} correlations have p < .05 (not adjusted for multiple testing):"
            if survive and opts.adjust == "none"
            else f"{len(rows)} of {n_tests} {e(method)} correlations survive {e(adjust)} adjustment (p < .05 "
            "within family):"
            if survive
            else f"None of the {n_tests} {e(method)} correlations survives {e(adjust)} adjustment; the strongest were:"
        )
        body = f"<p>{lead}</p><ol class='found'>{''.join(items)}</ol>{more}"
    return (
        f'<section id="findings" class="findings"><h2>Findings</h2>'
        f"<p class='study'>{e(study.source)}: {e(sizes)}; {e(study.spec.design)}; primary method {e(method)} "
        "(other methods one click away in the "
        f"<a href='#correlations'>correlation table</a>).</p>{body}{quality_summary(results)}</section>"
    )


LAYOUT_REASONS = ("empty-row", "note-row", "summary-row", "hidden-row")
"""Rows of the sheet's layout (a blank line, a footnote, a Mean row, a hidden row): skipped, not data excluded."""
NAMED_EXCLUSIONS = 3  # at most this many excluded values are named on the first screen


def exclusion_summary(ex) -> str:
    """What was left out, as a reader needs it first: the data excluded (named when few), apart from
    the layout rows skipped and the rows a ``where`` filter left out.

    Examples
    --------
    >>> import pandas as pd
    >>> ex = pd.DataFrame({"row": [4, 9, 10], "column": ["VAS", "", ""], "value": ["720", "", "Mean"],
    ...                    "reason": ["out-of-range", "empty-row", "summary-row"]})
    >>> exclusion_summary(ex)
    "1 value or row excluded: 'VAS' row 4: 720 (out-of-range); 2 layout row(s) skipped (blank, note, summary or hidden)"
    """
    if ex.empty:
        return "nothing excluded"
    layout = ex["reason"].isin(LAYOUT_REASONS)
    filtered = ex["reason"].eq("not-selected")
    data = ex[~layout & ~filtered]
    if data.empty:
        parts = ["no value excluded"]
    elif len(data) <= NAMED_EXCLUSIONS:
        named = "; ".join(
            (f"'{r.column}' row {r.row}: {r.value}" if r.column else f"row {r.row}") + f" ({r.reason})"
            for r in data.itertuples()
        )
        parts = [f"{len(data)} value or row excluded: {named}" if len(data) == 1 else f"{len(data)} excluded: {named}"]
    else:
        parts = [f"{len(data)} value(s) or row(s) excluded, each listed with its reason"]
    if layout.any():
        parts.append(f"{int(layout.sum())} layout row(s) skipped (blank, note, summary or hidden)")
    if filtered.any():
        parts.append(f"{int(filtered.sum())} row(s) outside [data] where")
    return "; ".join(parts)


def quality_summary(results: Results) -> str:
    """Exclusions and warnings counted by kind, each kind expandable to its variables (labels, not names)."""
    w = results.warnings
    ex = results.exclusions
    parts = [exclusion_summary(ex)]
    if w.empty:
        return f"<p class='quality'>Data quality: {e(parts[0])}; no warnings.</p>"
    label = {v.column: v.label for v in results.study.spec.variables}

    def shown(column: str) -> str:
        return " × ".join(label.get(part, part) for part in str(column).split(" × "))

    kinds = []
    for code, group in w.groupby("code", sort=False):
        columns = group["column"].map(shown).value_counts()
        listed = ", ".join(f"{e(str(k))} ({v})" if v > 1 else e(str(k)) for k, v in columns.items())
        kinds.append(f"<details><summary>{e(str(code))}: {len(group)}</summary><p>{listed}</p></details>")
    return (
        f"<div class='quality'><p>Data quality: {e(parts[0])}; {len(w)} warning(s) by kind "
        f"(details under <a href='#quality'>Data quality</a>):</p>{''.join(kinds)}</div>"
    )
