"""The self-contained HTML report: one file, CSS and images inlined, no network needed.

Sections: the data; data quality; Table 1; group comparisons; correlations
(sortable table, heat maps, one panel per biomarker); methods; results in APA
style; reproducibility. Figures are embedded as base64 SVG ``<img>`` elements,
so the page prints cleanly and each image can be checked as loaded.
"""

from __future__ import annotations

import base64
import html
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from ..analysis import Results
from . import apa
from . import figures as figs
from .tables import versions
from .terminal import fmt_num, fmt_p

CSS = """
:root { --ink:#1d2430; --muted:#5b6575; --rule:#d9dee6; --accent:#0072B2; --warn:#b35900; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); max-width: 1100px; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem;
  border-bottom: 2px solid var(--rule); padding-bottom: .2rem; } h3 { font-size: 1.05rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
nav { background: #f5f7fa; padding: .5rem .8rem; border-radius: 6px; font-size: .9rem; }
nav a { margin-right: 1rem; color: var(--accent); text-decoration: none; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .6rem 0 1rem; }
th, td { padding: .28rem .5rem; border-bottom: 1px solid var(--rule); text-align: left;
         vertical-align: top; }
th { background: #f5f7fa; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sortable th { cursor: pointer; } table.sortable th:after { content: " ⇅"; color: #aab; }
.scroll { max-height: 32rem; overflow: auto; border: 1px solid var(--rule); border-radius: 4px; }
.warn { color: var(--warn); } .note { color: var(--muted); }
.sig { font-weight: 600; }
figure { margin: 1rem 0 1.6rem; page-break-inside: avoid; } figure img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: .8rem; }
.apa li { margin-bottom: .35rem; }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--rule); }
code { font-size: .85em; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; } nav { display: none; }
  .scroll { max-height: none; overflow: visible; border: 0; } th { position: static; }
  h2 { page-break-after: avoid; } table { page-break-inside: auto; } tr { page-break-inside: avoid; }
}
"""

SORT_JS = """
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var asc = th.getAttribute('data-dir') !== 'asc';
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
        var nx = parseFloat(x), ny = parseFloat(y), r;
        if (!isNaN(nx) && !isNaN(ny)) { r = nx - ny; }
        else if (isNaN(nx) !== isNaN(ny)) { r = isNaN(nx) ? 1 : -1; }
        else { r = String(a.cells[col].textContent).localeCompare(b.cells[col].textContent); }
        return asc ? r : -r;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('data-dir'); });
      th.setAttribute('data-dir', asc ? 'asc' : 'desc');
    });
  });
});
"""

e = html.escape


def _img(fig, alt: str, svg: str | None = None) -> str:
    svg = figs.svg_text(fig) if svg is None else svg
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img alt="{e(alt)}" src="data:image/svg+xml;base64,{data}">'


def _figure(fig, caption: str, svg: str | None = None) -> str:
    return f"<figure>{_img(fig, caption, svg)}<figcaption>{e(caption)}</figcaption></figure>"


def _table(frame: pd.DataFrame, numeric: Sequence[str] = (), sortable: bool = False,
           raw: dict[str, pd.Series] | None = None, row_classes: Sequence[str] | None = None,
           table_id: str | None = None) -> str:
    """An HTML table; ``raw`` gives sort keys for formatted numeric columns."""
    cls = (' class="sortable"' if sortable else "") + (f' id="{table_id}"' if table_id else "")
    head = "".join(f'<th class="num">{e(c)}</th>' if c in numeric else f"<th>{e(c)}</th>"
                   for c in frame.columns)
    rows = []
    for i, (_, row) in enumerate(frame.iterrows()):
        cells = []
        for c in frame.columns:
            v = row[c]
            key = raw[c].iloc[i] if raw and c in raw else None
            attr = "" if key is None or not np.isfinite(key) else f' data-v="{float(key)!r}"'
            klass = ' class="num"' if c in numeric else ""
            cells.append(f"<td{klass}{attr}>{e(str(v))}</td>")
        row_cls = f' class="{row_classes[i]}"' if row_classes is not None and row_classes[i] else ""
        rows.append(f"<tr{row_cls}>" + "".join(cells) + "</tr>")
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _data_section(results: Results) -> str:
    study = results.study
    spec = study.spec
    groups = "".join(f"<li>{e(name)}: n = {int(mask.sum())}</li>" for name, mask in study.subsets(("all", "by-group")))
    variables = pd.DataFrame([{
        "column": v.column, "label": v.label, "role": v.role, "unit": v.unit or "",
        "declared range": "" if v.range is None else f"{v.range[0]:g}–{v.range[1]:g}",
        "lower limit": "" if v.lower_limit is None else f"{v.lower_limit:g}",
    } for v in spec.variables])
    source = f"<p>Source note: {e(spec.source)}</p>" if spec.source else ""
    return (f'<h2 id="data">The data</h2><p>File <code>{e(study.source)}</code> '
            f"(sha256 <code>{e(study.sha256[:16])}…</code>): {study.n_rows_read} rows read, "
            f"{len(study.data)} analysed. Group column: <code>{e(str(spec.group_column))}</code>; "
            f"id column: <code>{e(str(spec.id_column or 'none (rows are named by row number)'))}</code>.</p>"
            f"{source}<ul>{groups}</ul><h3>Variables (from the spec)</h3>{_table(variables)}")


def _quality_section(results: Results) -> str:
    ex = results.exclusions
    if ex.empty:
        ex_html = "<p>No value or row was excluded.</p>"
    else:
        shown = ex[["row", "id", "column", "value", "reason", "scope", "message"]]
        ex_html = (f"<p class='warn'>{len(ex)} exclusion(s); none is silent:</p>"
                   f"<div class='scroll'>{_table(shown, numeric=['row'], sortable=True)}</div>")
    w = results.warnings
    if w.empty:
        w_html = "<p>No warnings.</p>"
    else:
        items = "".join(f"<li class='{e(r.severity)}'><strong>{e(r.severity)}</strong> "
                        f"({e(r.subset)}): {e(r.message)}</li>" for r in w.itertuples())
        w_html = f"<ul>{items}</ul>"
    return f'<h2 id="quality">Data quality</h2><h3>Exclusions</h3>{ex_html}<h3>Warnings</h3>{w_html}'


def _table1(results: Results) -> str:
    d = results.descriptives
    subsets = list(dict.fromkeys(d["subset"]))
    order = subsets[1:] + subsets[:1]  # groups first, then all
    rows = []
    for var in results.study.spec.variables:
        sub = d[d.variable == var.column].set_index("subset")
        row = {"variable": var.display, "role": var.role}
        for s in order:
            r = sub.loc[s]
            row[s] = apa.describe_cell(r["mean"], r["sd"], r["median"], r["q1"], r["q3"], int(r["n"]))
        rows.append(row)
    frame = pd.DataFrame(rows)
    return (f'<h2 id="table1">Table 1: descriptives by group</h2>'
            "<p class='note'>Each cell: mean (SD); median [Q1, Q3]; n with a value.</p>"
            f"<div class='scroll'>{_table(frame)}</div>")


def _groups_section(results: Results, figure_html: list[str]) -> str:
    g = results.group_comparisons
    if g.empty:
        return '<h2 id="groups">Group comparisons</h2><p>No group column in the spec.</p>'
    shown = pd.DataFrame({
        "variable": g["label"], "groups": g["group1"] + " vs " + g["group2"],
        "n": g["n1"].astype(str) + " / " + g["n2"].astype(str),
        "test": g["test"].map({"welch_t": "Welch t", "mann_whitney": "Mann–Whitney U"}),
        "statistic": [fmt_num(v) for v in g["statistic"]],
        "effect size [CI]": [f"{n} {fmt_num(v)} [{fmt_num(lo)}, {fmt_num(hi)}]" for n, v, lo, hi in
                             zip(g["effect_size_name"], g["effect_size"], g["effect_size_ci_low"],
                                 g["effect_size_ci_high"])],
        "p": [fmt_p(v) for v in g["p"]], "p adj.": [fmt_p(v) for v in g["p_adjusted"]],
        "p method": g["p_method"], "note": g["note"],
    })
    raw = {"p": g["p"], "p adj.": g["p_adjusted"], "statistic": g["statistic"]}
    return (f'<h2 id="groups">Group comparisons</h2>'
            f"<p class='note'>Differences and effect sizes are first group minus second; p adjusted "
            f"({e(results.study.spec.analysis.adjust)}) within each test type.</p>"
            f"<div class='scroll'>{_table(shown, numeric=['statistic', 'p', 'p adj.'], sortable=True, raw=raw)}</div>"
            f"<div class='grid'>{''.join(figure_html)}</div>")


def _correlation_table(results: Results) -> str:
    c = results.correlations
    level = f"{results.study.spec.analysis.confidence:.0%}"
    shown = pd.DataFrame({
        "subset": c["subset"], "biomarker": c["x_label"], "score": c["y_label"], "method": c["method"],
        "n": c["n"], "estimate": [fmt_num(v) for v in c["estimate"]],
        f"{level} CI": [f"[{fmt_num(lo)}, {fmt_num(hi)}]" for lo, hi in zip(c["ci_low"], c["ci_high"])],
        "p": [fmt_p(v) for v in c["p"]], "p adj.": [fmt_p(v) for v in c["p_adjusted"]],
        "p method": c["p_method"], "family size": c["family_size"], "note": c["note"],
    })
    if c["n_permutations"].max() > 0:
        shown.insert(9, "p perm.", [fmt_p(v) for v in c["p_permutation"]])
    if c["n_bootstrap"].max() > 0:
        shown.insert(7, f"BCa {level} CI", [f"[{fmt_num(lo)}, {fmt_num(hi)}]" if np.isfinite(lo) else "—"
                                            for lo, hi in zip(c["boot_ci_low"], c["boot_ci_high"])])
    raw = {"estimate": c["estimate"], "p": c["p"], "p adj.": c["p_adjusted"], "n": c["n"],
           "p perm.": c["p_permutation"]}
    return _table(shown, numeric=["n", "estimate", "p", "p adj.", "p perm.", "family size"],
                  sortable=True, raw=raw,
                  row_classes=["sig" if p < figs.ALPHA else "" for p in c["p_adjusted"].fillna(1.0)],
                  table_id="correlation-table")


VERDICT_CLASS = {"inconsistent": "warn", "decision error": "warn", "not reproduced": "warn",
                 "fragile": "warn", "close": "note"}


def qpcr_section(qpcr, group_of: dict[str, str], out_dir: Path | None = None, sd_max: float = 0.5) -> str:
    """The qPCR section: Ct by condition, replicate SDs, fold change by group (figures saved too)."""
    made = [(figs.qpcr_ct_figure(qpcr.replicates), "qpcr_ct", "Mean Ct per sample, by gene and condition"),
            (figs.qpcr_replicate_sd_figure(qpcr.replicates, sd_max), "qpcr_replicate_sd",
             f"Technical-replicate SD against mean Ct (dashed: {sd_max:g} cycles)"),
            (figs.qpcr_fold_change_figure(qpcr.relative, group_of), "qpcr_fold_change",
             "Within-subject log2 relative quantity, by group")]
    html_figs = []
    for fig, stem, caption in made:
        svg = None
        if out_dir is not None:
            svg = figs.save_figure(fig, out_dir / stem)[1].read_text(encoding="utf-8")
            svg = svg[svg.index("<svg"):]
        html_figs.append(_figure(fig, caption, svg))
    n_und = len(qpcr.exclusions)
    flagged = int(qpcr.replicates["sd_flag"].sum())
    notes = "".join(f"<li>{e(m)}</li>" for m in qpcr.notes["message"])
    return (f'<h2 id="qpcr">qPCR</h2><p>{qpcr.replicates["sample"].nunique()} samples of '
            f"{qpcr.replicates['subject'].nunique()} subjects; {n_und} undetermined well(s) left out of the "
            f"means; {flagged} replicate set(s) with SD above {sd_max:g} cycles (flagged, not dropped). "
            f"Method: {e(str(qpcr.relative['method'].iloc[0]) if len(qpcr.relative) else '')}. Tables in "
            "<code>qpcr/</code>.</p>" + (f"<ul>{notes}</ul>" if notes else "")
            + f"<div class='grid'>{''.join(html_figs)}</div>")


def claims_section(verdicts: pd.DataFrame) -> str:
    """The 'Claims' section: every check of every reported statistic, failing ones first."""
    shown = verdicts[verdicts["verdict"] != "not checked"]
    classes = [VERDICT_CLASS.get(v, "") for v in shown["verdict"]]
    n_fail = sum(c == "warn" for c in classes)
    return (f'<h2 id="claims">Claims</h2><p>{verdicts["claim_id"].nunique()} reported statistic(s) '
            f"checked; {n_fail} check(s) failed (inconsistent, decision error, not reproduced or "
            "fragile). Click a header to sort.</p>"
            f"<div class='scroll'>{_table(shown, sortable=True, row_classes=classes)}</div>")


def claims_page(verdicts: pd.DataFrame, title: str = "biocorr: checked claims") -> str:
    """A stand-alone HTML page with the claims section (when no data were given)."""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body><h1>{e(title)}</h1>"
            f"{claims_section(verdicts)}<script>{SORT_JS}</script></body></html>")


def _influence_section(results: Results) -> str:
    """Pairs whose verdict hangs on one subject, and the sensitivity of each subset's n."""
    c = results.correlations
    classic = c[c["method"].isin(["pearson", "spearman", "kendall"])]
    flips = classic[classic["loo_changes_significance"].astype(bool)]
    sens = classic.dropna(subset=["detectable_r"]).groupby("subset")["detectable_r"].min()
    counts = classic.dropna(subset=["p"]).groupby("subset")["n"].max()
    sens_items = "".join(f"<li>{e(s)} (n up to {int(counts[s])}): this analysis could only detect "
                         f"|r| ≥ {figs.fmt_r(v)} with 80% power.</li>" for s, v in sens.items())
    if flips.empty:
        flip_html = "<p>No single subject changes any verdict at p < .05.</p>"
    else:
        shown = pd.DataFrame({
            "subset": flips["subset"], "biomarker": flips["x_label"], "score": flips["y_label"],
            "method": flips["method"], "estimate": [fmt_num(v) for v in flips["estimate"]],
            "p": [fmt_p(v) for v in flips["p"]],
            "leave-one-out range": [f"{fmt_num(a)} to {fmt_num(b)}" for a, b in zip(flips["loo_min"], flips["loo_max"])],
            "largest p": [fmt_p(v) for v in flips["loo_max_p"]],
            "most influential": flips["loo_most_influential"],
            "max Cook's D": [fmt_num(v) for v in flips["cooks_d_max"]]})
        flip_html = (f"<p class='warn'>{len(flips)} test(s) change their verdict at p < .05 when a single "
                     "subject is deleted:</p>" + f"<div class='scroll'>{_table(shown, sortable=True)}</div>")
    robust = c[c["method"].isin(["percbend", "bicor", "skipped_spearman", "partial_pearson",
                                 "partial_spearman", "spearman_detected"])]
    return (f'<h2 id="influence">Small-n checks: influence, robustness, covariates</h2><ul>{sens_items}</ul>'
            f"{flip_html}<p>Robust (percentage bend, biweight midcorrelation, skipped), partial "
            f"(covariates) and detectable-values-only estimates are {len(robust)} extra rows of the "
            "correlation table above, each naming what it did in <code>method</code> and "
            "<code>note</code>.</p>")


def build_html(results: Results, figure_html: dict[str, list[str]], command_line: list[str] | None,
               title: str | None = None, verdicts: pd.DataFrame | None = None,
               extra_sections: Sequence[str] = ()) -> str:
    """The report as one HTML string (figures already rendered to ``<figure>`` snippets)."""
    study = results.study
    opts = study.spec.analysis
    title = title or f"biocorr report: {study.source}"
    sentences = "".join(f"<li>{e(s)}</li>" for s in apa.results_sentences(results))
    vers = versions()
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cmd = " ".join(command_line) if command_line else "(Python API)"
    sections = [
        _data_section(results), _quality_section(results), _table1(results),
        _groups_section(results, figure_html.get("groups", [])),
        '<h2 id="correlations">Correlations</h2>'
        f"<p class='note'>Bold rows: adjusted p < .05 ({e(opts.adjust)}, within family). "
        "Click a column header to sort.</p>"
        f"<div class='scroll'>{_correlation_table(results)}</div>"
        f"<h3>Heat maps</h3>{''.join(figure_html.get('heatmaps', []))}"
        f"<h3>Each biomarker against every score</h3>{''.join(figure_html.get('panels', []))}",
        _influence_section(results),
        f'<h2 id="methods">Methods</h2><p>{e(apa.methods_paragraph(results))}</p>',
        f'<h2 id="results">Results in APA style ({e(apa.METHOD_NAMES[opts.methods[0]])})</h2>'
        f"<ul class='apa'>{sentences}</ul>",
    ]
    extra = list(extra_sections) + ([claims_section(verdicts)] if verdicts is not None else [])
    nav = "".join(f'<a href="#{a}">{t}</a>' for a, t in (
        ("data", "Data"), ("quality", "Data quality"), ("table1", "Table 1"), ("groups", "Groups"),
        ("correlations", "Correlations"), ("influence", "Small-n checks"), ("methods", "Methods"),
        ("results", "Results"))
        + ((("claims", "Claims"),) if verdicts is not None else ()) + (("repro", "Reproducibility"),))
    ver_text = ", ".join(f"{k} {v}" for k, v in vers.items())
    footer = (f'<footer id="repro"><h2>Reproducibility</h2><p>Created {e(created)} by '
              f"<code>{e(cmd)}</code>.<br>Input <code>{e(study.source)}</code> sha256 "
              f"<code>{e(study.sha256)}</code>; seed {opts.seed}.<br>{e(ver_text)}.</p></footer>")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{e(title)}</h1><p class='sub'>{len(study.data)} subjects, "
            f"{len(study.spec.biomarkers)} biomarker(s) × {len(study.spec.scores)} score(s), "
            f"methods: {e(', '.join(opts.methods))}</p><nav>{nav}</nav>"
            + "".join(sections) + "".join(extra) + footer
            + f"<script>{SORT_JS}</script></body></html>")


def _figure_tasks(results: Results, per_pair: bool) -> list[tuple]:
    """(figure function name, args, file stem, caption, report section or '') for every figure."""
    spec = results.study.spec
    opts = spec.analysis
    primary = "spearman" if "spearman" in opts.methods else opts.methods[0]
    warned = set(results.warnings.loc[results.warnings.code.isin(
        ["detection-limit-pileup", "minimum-pileup"]), "column"])
    tasks = []
    if results.study.group_codes:
        for var in spec.biomarkers + spec.scores:
            tasks.append(("group_figure", (var.column,), f"group_{_safe(var.column)}",
                          f"{var.label} by group", "groups"))
    for name, _ in results.study.subsets():
        for method in opts.methods:
            tasks.append(("heatmap_figure", (name, method), f"heatmap_{_safe(name)}_{method}",
                          f"{method} estimates, subset {name}", "heatmaps" if method == primary else ""))
    for bm in spec.biomarkers:
        ranks = bm.column in warned and primary != "pearson"
        tasks.append(("biomarker_panel", (bm.column, primary, ranks), f"panel_{_safe(bm.column)}",
                      f"{bm.label} against every score ({primary}"
                      + ("; ranks shown because of the detection-limit pile-up" if ranks else "") + ")",
                      "panels"))
    if per_pair:
        for bm in spec.biomarkers:
            for sc in spec.scores:
                tasks.append(("scatter_figure", (bm.column, sc.column, primary),
                              f"scatter_{_safe(bm.column)}_{_safe(sc.column)}", "", ""))
    return tasks


_WORKER_RESULTS: Results | None = None


def _init_worker(results: Results) -> None:
    global _WORKER_RESULTS
    _WORKER_RESULTS = results


def _render(task: tuple, figures_dir: Path | None, results: Results | None = None) -> str:
    """Draw one figure, save PNG + SVG, and return the ``<figure>`` snippet ('' if not shown)."""
    func, args, stem, caption, key = task
    fig = getattr(figs, func)(results or _WORKER_RESULTS, *args)
    svg = None
    if figures_dir is not None:
        svg = figs.save_figure(fig, figures_dir / stem)[1].read_text(encoding="utf-8")
        svg = svg[svg.index("<svg"):]
    if not key:
        return ""
    return _figure(fig, caption, svg)


# relative drawing cost of each figure kind (measured on opt: a 10-panel figure ~ 10 group plots)
FIGURE_COST = {"biomarker_panel": 10, "heatmap_figure": 2, "scatter_figure": 1, "group_figure": 1}


class FigureJob:
    """The report's figures, rendered (PNG 300 dpi + SVG into ``figures_dir``) while the caller goes on.

    Rendering dominates the report's run time, so figures are drawn in a pool of
    ``workers`` processes (default: one per core) that starts at construction; the
    caller can compute something else (the bootstrap) meanwhile and collect the
    ``<figure>`` snippets with :meth:`snippets`. The output does not depend on the
    number of workers. With one worker (or few figures) everything is drawn in
    :meth:`snippets`, in this process.
    """

    def __init__(self, results: Results, figures_dir: Path | None, per_pair: bool,
                 progress: Callable[[int], None] | None = None, workers: int | None = None):
        self._results, self._dir, self._progress = results, figures_dir, progress
        self._tasks = _figure_tasks(results, per_pair)
        workers = workers or os.cpu_count() or 1
        self._pool = None
        self._futures = []
        if workers > 1 and len(self._tasks) > 4:
            ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                              else "spawn")
            self._pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                             initargs=(results,))
            # the costliest figures first, so no worker is left drawing a big panel alone at the end
            order = sorted(range(len(self._tasks)), key=lambda i: FIGURE_COST.get(self._tasks[i][0], 1))
            futures = {i: self._pool.submit(_render, self._tasks[i], figures_dir) for i in reversed(order)}
            self._futures = [futures[i] for i in range(len(self._tasks))]
            if progress:
                for fut in self._futures:  # called from the pool's thread as each figure lands
                    fut.add_done_callback(lambda _: progress(1))

    def close(self) -> None:
        """Stop the pool (figures not yet drawn are cancelled); safe to call twice."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def snippets(self) -> dict[str, list[str]]:
        """Wait for every figure; the report's snippets by section ('groups', 'heatmaps', 'panels')."""
        if self._pool is not None:
            try:
                rendered = [fut.result() for fut in self._futures]
            finally:
                self.close()
        else:
            rendered = []
            for t in self._tasks:
                rendered.append(_render(t, self._dir, self._results))
                if self._progress:
                    self._progress(1)
        out: dict[str, list[str]] = {"groups": [], "heatmaps": [], "panels": []}
        for t, snippet in zip(self._tasks, rendered):
            if t[4]:
                out[t[4]].append(snippet)
        return out


def report_figures(results: Results, figures_dir: Path | None, per_pair: bool,
                   progress: Callable[[int], None] | None = None,
                   workers: int | None = None) -> dict[str, list[str]]:
    """Render the report's figures (saving PNG 300 dpi + SVG into ``figures_dir``); see :class:`FigureJob`."""
    return FigureJob(results, figures_dir, per_pair, progress, workers).snippets()


def n_report_figures(results: Results, per_pair: bool) -> int:
    """How many figures :func:`report_figures` makes (for a progress bar)."""
    return len(_figure_tasks(results, per_pair))


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)


def write_report(results: Results, out_dir: str | Path, command_line: list[str] | None = None,
                 per_pair: bool = True, progress: Callable[[int], None] | None = None,
                 verdicts: pd.DataFrame | None = None, qpcr=None, figures: FigureJob | None = None) -> Path:
    """Write ``report.html`` and ``figures/`` (PNG 300 dpi + SVG) into ``out_dir``.

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

    Returns
    -------
    Path of report.html
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rendered = (figures or FigureJob(results, out / "figures", per_pair, progress)).snippets()
    path = out / "report.html"
    extra = []
    if qpcr is not None:
        study = results.study
        group_of = {}
        if study.spec.group_column is not None:
            group_of = dict(zip(study.data["id"].astype(str), study.data["group"].map(study.spec.group_label)))
        extra.append(qpcr_section(qpcr, group_of, out / "figures"))
    path.write_text(build_html(results, rendered, command_line, verdicts=verdicts, extra_sections=extra),
                    encoding="utf-8")
    return path
