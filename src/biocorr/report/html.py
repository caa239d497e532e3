"""The self-contained HTML report: one file, CSS and images inlined, no network needed.

Sections: the data; data quality; Table 1; group comparisons; correlations
(sortable table, heat maps, one panel per biomarker); methods; results in APA
style; reproducibility. Figures are embedded as base64 SVG ``<img>`` elements,
so the page prints cleanly and each image can be checked as loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ..analysis import Results
from ..analysis.checks import crossing_loo_p
from ..format import fmt_num, fmt_p, fmt_r
from ..stats.methods import CLASSICAL_METHODS, method_label
from . import apa
from .figure_job import FigureJob
from .findings import findings_section
from .html_table import CSS, FILTER_JS, SORT_JS, e
from .html_table import appendix as _appendix
from .html_table import html_table as _table
from .qpcr_section import qpcr_section
from .result_tables import correlation_table_html, group_table_html
from .table_one import table_one
from .tables import versions


def _data_section(results: Results) -> str:
    study = results.study
    spec = study.spec
    groups = "".join(f"<li>{e(name)}: n = {int(mask.sum())}</li>" for name, mask in study.subsets(("all", "by-group")))
    variables = pd.DataFrame(
        [
            {
                "column": v.column,
                "label": v.label,
                "role": v.role,
                "unit": v.unit or "",
                "declared range": "" if v.range is None else f"{v.range[0]:g}–{v.range[1]:g}",
                "lower limit": "" if v.lower_limit is None else f"{v.lower_limit:g}",
            }
            for v in spec.variables
        ]
    )
    source = f"<p>Source note: {e(spec.source)}</p>" if spec.source else ""
    return (
        f'<h2 id="data">The data</h2><p>File <code>{e(study.source)}</code> '
        f"(sha256 <code>{e(study.sha256[:16])}…</code>): {study.n_rows_read} rows read, "
        f"{len(study.data)} analysed. Group column: <code>{e(str(spec.group_column or 'none (one group)'))}</code>; "
        f"id column: <code>{e(str(spec.id_column or 'none (rows are named by row number)'))}</code>."
        + (
            f" Long data: visit column <code>{e(str(spec.visit_column))}</code>, {study.data['id'].nunique()} "
            f"subjects at {len(study.visits)} visits; each subset below is one visit, and the "
            "repeated-measures correlation (subset 'all visits') uses every visit within subjects."
            if study.visits
            else ""
        )
        + (
            f" One row per subject and visit in the file (visit column <code>{e(str(spec.visit_column))}</code>), "
            "reshaped to one row per subject: COLUMN@VISIT is a column's value at one visit."
            if spec.per_subject
            else ""
        )
        + "</p>"
        f"{source}<ul>{groups}</ul><h3>Variables (from the spec)</h3>{_table(variables)}"
    )


def _who(study) -> str:
    """'47 subjects', or for long data '47 observations of 16 subjects at 3 visits'."""
    if study.visits:
        return f"{len(study.data)} observations of {study.data['id'].nunique()} subjects at {len(study.visits)} visits"
    return f"{len(study.data)} subjects"


def _matrices_html(figures: list[str]) -> str:
    """The collinearity figures (correlations among the biomarkers and among the scores)."""
    if not figures:
        return ""
    return (
        "<h3>Among the biomarkers and among the scores</h3><p class='note'>Collinearity: which biomarkers "
        "(or scores) carry the same information. Every pair, method and subset, with adjusted p within "
        "each matrix, is in <code>matrices.csv</code>.</p>" + "".join(figures)
    )


def _quality_section(results: Results) -> str:
    ex = results.exclusions
    if ex.empty:
        ex_html = "<p>No value or row was excluded.</p>"
    else:
        shown = ex[["row", "id", "column", "value", "reason", "scope", "message"]]
        ex_html = f"<p class='warn'>{len(ex)} exclusion(s); none is silent:</p>" + _appendix(
            _table(shown, numeric=["row"], sortable=True), "exclusions.csv", len(shown)
        )
    w = results.warnings
    if w.empty:
        w_html = "<p>No warnings.</p>"
    else:
        items = "".join(
            f"<li class='{e(sev)}'><strong>{e(sev)}</strong> ({e(sub)}): {e(msg)}</li>"
            for sev, sub, msg in zip(w["severity"].astype(str), w["subset"].astype(str), w["message"].astype(str))
        )
        opened = " open" if len(w) <= 20 else ""
        w_html = f"<details{opened}><summary>{len(w)} warning(s)</summary><ul>{items}</ul></details>"
    return f'<h2 id="quality">Data quality</h2><h3>Exclusions</h3>{ex_html}<h3>Warnings</h3>{w_html}'


def _table1(results: Results) -> str:
    return (
        f'<h2 id="table1">Table 1: descriptives by group</h2>'
        "<p class='note'>Each cell: mean (SD); median [Q1, Q3]; n with a value. Categorical variables: "
        "n (%) of each level among those with a value.</p>"
        f"<div class='scroll'>{_table(table_one(results))}</div>"
    )


def _groups_section(results: Results, figure_html: list[str]) -> str:
    if results.group_comparisons.empty:
        return '<h2 id="groups">Group comparisons</h2><p>No group column in the spec.</p>'
    return (
        f'<h2 id="groups">Group comparisons</h2>'
        f"<p class='note'>Differences and effect sizes are first group minus second; p adjusted "
        f"({e(results.study.spec.analysis.adjust)}) within each test type. Ordered by adjusted p.</p>"
        + group_table_html(results)
        + f"<div class='grid'>{''.join(figure_html)}</div>"
    )


VERDICT_CLASS = {
    "depends on n": "note",
    "fails at inferred n": "note",
    "inconsistent": "warn",
    "decision error": "warn",
    "not reproduced": "warn",
    "fragile": "warn",
    "close": "note",
}


def claims_section(verdicts: pd.DataFrame) -> str:
    """The 'Claims' section: the summary in statements, then every check that says something,
    failures first (passing range checks folded)."""
    from ..claims import ordered_for_review, review_summary

    shown = ordered_for_review(verdicts)
    classes = [VERDICT_CLASS.get(v, "") for v in shown["verdict"]]
    folded = len(verdicts) - len(shown)
    return (
        f'<h2 id="claims">Claims</h2><p>{e(review_summary(verdicts))} Failures first; {folded} passing range '
        "check(s) and checks that could not run are folded (all are in verdicts.csv). Click a header to sort.</p>"
        f"<div class='scroll'>{_table(shown, sortable=True, row_classes=classes)}</div>"
    )


def claims_page(verdicts: pd.DataFrame, title: str = "biocorr: checked claims") -> str:
    """A stand-alone HTML page with the claims section (when no data were given)."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(title)}</title><style>{CSS}</style></head><body><h1>{e(title)}</h1>"
        f"{claims_section(verdicts)}<script>{SORT_JS}</script></body></html>"
    )


def _influence_section(results: Results, primary: str) -> str:
    """Pairs whose verdict hangs on one subject, and the sensitivity of each subset's n.

    The detectable value is the primary method's (a Kendall tau's is smaller than a Pearson r's
    at the same n), from its rows with the most pairs in each subset.
    """
    c = results.correlations
    classic = c[c["method"].isin(CLASSICAL_METHODS)]
    flips = classic[classic["loo_changes_significance"].astype(bool)]
    own = classic[classic["method"] == primary] if (classic["method"] == primary).any() else classic
    sens = own.dropna(subset=["detectable_r"]).groupby("subset")["detectable_r"].min()
    counts = own.dropna(subset=["p"]).groupby("subset")["n"].max().to_dict()
    symbol = {"spearman": "ρ", "kendall": "τ"}.get(primary, "r")
    sens_items = "".join(
        f"<li>{e(str(s))} (n up to {int(counts[s])}): this analysis could only detect |{symbol}| ≥ {fmt_r(v)} "
        f"with 80% power ({e(method_label(primary))}).</li>"
        for s, v in sens.to_dict().items()
        if s in counts
    )
    if flips.empty:
        flip_html = "<p>No single subject changes any verdict at p < .05.</p>"
    else:
        x_role, y_role = results.study.spec.pair_roles
        shown = pd.DataFrame(
            {
                "subset": flips["subset"],
                x_role: flips["x_label"],
                y_role: flips["y_label"],
                "method": flips["method"],
                "estimate": [fmt_num(v) for v in flips["estimate"]],
                "p": [fmt_p(v) for v in flips["p"]],
                "leave-one-out range": [
                    f"{fmt_num(a)} to {fmt_num(b)}" for a, b in zip(flips["loo_min"], flips["loo_max"])
                ],
                "p with one subject left out": [
                    fmt_p(crossing_loo_p(*ps)) for ps in zip(flips["p"], flips["loo_min_p"], flips["loo_max_p"])
                ],
                "most influential": flips["loo_most_influential"],
                "max Cook's D": [fmt_num(v) for v in flips["cooks_d_max"]],
            }
        )
        flip_html = (
            f"<p class='warn'>{len(flips)} test(s) change their verdict at p < .05 when a single "
            "subject is deleted:</p>" + _appendix(_table(shown, sortable=True), "correlations.csv", len(shown))
        )
    robust = c[
        c["method"].isin(
            ["percbend", "bicor", "skipped_spearman", "partial_pearson", "partial_spearman", "spearman_detected"]
        )
    ]
    return (
        f'<h2 id="influence">Small-n checks: influence, robustness, covariates</h2><ul>{sens_items}</ul>'
        f"{flip_html}<p>Robust (percentage bend, biweight midcorrelation, skipped), partial "
        f"(covariates) and detectable-values-only estimates are {len(robust)} extra rows of the "
        "correlation table above, each naming what it did in <code>method</code> and "
        "<code>note</code>.</p>"
    )


NAV: tuple[tuple[str, str], ...] = (("findings", "Findings"), ("data", "Data"), ("quality", "Data quality"))
NAV += (("table1", "Table 1"), ("groups", "Groups"), ("correlations", "Correlations"))
NAV += (("influence", "Small-n checks"), ("methods", "Methods"), ("results", "Results"))


def build_html(
    results: Results,
    figure_html: dict[str, list[str]] | Callable[[], dict[str, list[str]]],
    command_line: list[str] | None,
    title: str | None = None,
    verdicts: pd.DataFrame | None = None,
    extra_sections: Sequence[str] = (),
) -> str:
    """The report as one HTML string, with the figures' ``<figure>`` snippets by section.

    ``figure_html`` may be a function returning them (a :class:`FigureJob`'s ``snippets``): it is
    called once every table is built, so the tables are built while the figures are drawn.
    """
    study = results.study
    tables = (findings_section(results), _data_section(results), _quality_section(results), _table1(results))
    correlation_table = correlation_table_html(results)
    opts = study.spec.analysis
    influence = _influence_section(results, opts.primary_method)
    if callable(figure_html):
        figure_html = figure_html()
    title = title or f"biocorr report: {study.source}"
    within = apa.results_sentences(results, "rmcorr") if study.visits else []  # long data: the headline first
    sentences = "".join(f"<li>{e(s)}</li>" for s in within + apa.results_sentences(results))
    vers = versions()
    created = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cmd = " ".join(command_line) if command_line else "(Python API)"
    sections = [
        *tables,
        _groups_section(results, figure_html.get("groups", [])),
        '<h2 id="correlations">Correlations</h2>'
        f"<p class='note'>Ordered by adjusted p; bold rows: adjusted p < .05 ({e(opts.adjust)}, within family). "
        f"Shown first: the primary method; choose a tab, method, subset or {study.spec.pair_roles[0]}, or click a "
        "column header to sort.</p>"
        + correlation_table
        + _heading_with_first("Heat maps", figure_html.get("heatmaps", []))
        + _matrices_html(figure_html.get("matrices", []))
        + f"<h3>{_panels_title(study.spec.among)}</h3><div class='print-hide'>"
        + f"{''.join(figure_html.get('panels', []))}"
        + f"</div><p class='print-only note'>Printed without the per-{study.spec.pair_roles[0]} panels (in the HTML "
        "report).</p>",
        influence,
        f'<h2 id="methods">Methods</h2><p>{e(apa.methods_paragraph(results))}</p>',
        f'<h2 id="results">Results in APA style ({e(method_label(opts.primary_method))})</h2>'
        f"<ul class='apa'>{sentences}</ul><p class='print-only note'>Printed: the first 12 sentences (all in "
        "the HTML report).</p>",
    ]
    extra = list(extra_sections) + ([claims_section(verdicts)] if verdicts is not None else [])
    links = NAV + ((("claims", "Claims"),) if verdicts is not None else ()) + (("repro", "Reproducibility"),)
    nav = "".join(f'<a href="#{a}">{t}</a>' for a, t in links)
    ver_text = ", ".join(f"{k} {v}" for k, v in vers.items())
    footer = (
        f'<footer id="repro"><h2>Reproducibility</h2><p>Created {e(created)} by '
        f"<code>{e(cmd)}</code>.<br>Input <code>{e(study.source)}</code> sha256 "
        f"<code>{e(study.sha256)}</code>; seed {opts.seed}.<br>{e(ver_text)}.</p></footer>"
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{e(title)}</h1><p class='sub'>{_who(study)}, "
        f"{study.spec.design}, "
        f"methods: {e(', '.join(opts.methods))}</p><nav>{nav}</nav>"
        + "".join(sections)
        + "".join(extra)
        + footer
        + f"<script>{SORT_JS}{FILTER_JS}</script></body></html>"
    )


def write_report(
    results: Results,
    out_dir: str | Path,
    command_line: list[str] | None = None,
    per_pair: bool = True,
    progress: Callable[[int], None] | None = None,
    verdicts: pd.DataFrame | None = None,
    qpcr=None,
    figures: FigureJob | None = None,
    png: bool = False,
) -> Path:
    """Write ``report.html`` and ``figures/`` (SVG; PNG at 300 dpi too with ``png``) into ``out_dir``.

    Parameters
    ----------
    results : Results
    out_dir : path
    command_line : list of str, optional
        Shown in the reproducibility footer.
    per_pair : bool
        Also save one scatter per biomarker × score pair (files only).
    progress : callable, optional
        Called with 1 after each figure.
    verdicts : DataFrame, optional
        Claim checks (``biocorr check``) to add as a "Claims" section.
    qpcr : QpcrResult, optional
        Adds a "qPCR" section (Ct by condition, replicate SDs, fold change by group).
    figures : FigureJob, optional
        Figures already being rendered into ``out_dir/figures`` (``per_pair`` and
        ``progress`` are then the job's); by default they are rendered here.
    png : bool
        Also save every figure as PNG at 300 dpi (slides, journals); the page embeds the SVGs.

    Returns
    -------
    Path of report.html
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rendered = (figures or FigureJob(results, out / "figures", per_pair, progress, png=png)).snippets
    path = out / "report.html"
    extra = []
    if qpcr is not None:
        study = results.study
        group_of = {}
        if study.spec.group_column is not None:
            group_of = dict(zip(study.data["id"].astype(str), study.data["group"].map(study.spec.group_label)))
        extra.append(qpcr_section(qpcr, group_of, out / "figures"))
    path.write_text(
        build_html(results, rendered, command_line, verdicts=verdicts, extra_sections=extra), encoding="utf-8"
    )
    return path


def _heading_with_first(title: str, figures: list[str]) -> str:
    """A section heading kept on one printed page with its first figure (a heading alone at the
    foot of a page, its figure on the next, reads as an empty section).

    Examples
    --------
    >>> _heading_with_first("Heat maps", ["<figure>a</figure>", "<figure>b</figure>"])
    '<div class="keep"><h3>Heat maps</h3><figure>a</figure></div><figure>b</figure>'
    """
    first, rest = (figures[0], figures[1:]) if figures else ("", [])
    return f'<div class="keep"><h3>{e(title)}</h3>{first}</div>' + "".join(rest)


def _panels_title(among: str | None) -> str:
    """The heading of the per-variable scatter panels (``among``: the role of a one-role study)."""
    return f"Each {among} against every later {among}" if among else "Each biomarker against every score"
