"""The report's figures, drawn in a pool of processes while the caller goes on (:class:`FigureJob`).

Each figure is one task (function, arguments, file stem, caption, report section); file
stems are made safe for every file system, capped in length and unique within a run.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..analysis import Results
from . import figures as figs
from . import heatmaps
from .embed import figure_html


def _figure_tasks(results: Results, per_pair: bool) -> list[tuple[str, tuple, str, str, str]]:
    """(figure function name, args, file stem, caption, report section or '') for every figure."""
    spec = results.study.spec
    opts = spec.analysis
    primary = opts.primary_method
    warned = set(results.study.piled_up)
    tasks: list[tuple[str, tuple, str, str, str]] = []
    if results.study.group_codes:
        for var in spec.biomarkers + spec.scores:
            tasks.append(
                ("group_figure", (var.column,), safe_stem(f"group_{var.column}"), f"{var.label} by group", "groups")
            )
    for name, _ in results.study.subsets():  # the primary method's only: what the report shows
        tasks.append(
            (
                "heatmap_figure",
                (name, primary),
                safe_stem(f"heatmap_{name}_{primary}"),
                f"{primary} estimates, subset {name}",
                "heatmaps",
            )
        )
    first = results.study.subsets()[0][0] if results.study.subsets() else "all"
    for among, variables in (("biomarkers", spec.biomarkers), ("scores", spec.scores)):
        if len(variables) >= 2 and spec.among is None:  # one role only: the heat map is that matrix already
            tasks.append(
                (
                    "matrix_figure",
                    (among, first, primary),
                    safe_stem(f"matrix_{among}_{first}_{primary}"),
                    f"{primary} correlations among the {among}, subset {first}",
                    "matrices",
                )
            )
    for bm in (spec.variable(x) for xs, _ in spec.pair_blocks for x in xs):
        ranks = bm.column in warned and primary != "pearson"
        tasks.append(
            (
                "biomarker_panel",
                (bm.column, primary, ranks),
                safe_stem(f"panel_{bm.column}"),
                f"{bm.label} against every {f'later {spec.among}' if spec.among else 'score'} ({primary}"
                + ("; ranks shown because of the detection-limit pile-up" if ranks else "")
                + ")",
                "panels",
            )
        )
    if per_pair:
        for x, y in spec.pairs:
            tasks.append(("scatter_figure", (x, y, primary), safe_stem(f"scatter_{x}_{y}"), "", ""))
    return tasks


_WORKER_RESULTS: Results | None = None


def _init_worker(results: Results) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool, workers must not print tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    global _WORKER_RESULTS
    _WORKER_RESULTS = results


def _render(task: tuple, figures_dir: Path | None, results: Results | None = None, png: bool = False) -> str:
    """Draw one figure, save its SVG (and PNG when asked), and return the ``<figure>`` snippet ('' if not shown)."""
    func, args, stem, caption, key = task
    draw = getattr(heatmaps, func, None) or getattr(figs, func)
    fig = draw(results or _WORKER_RESULTS, *args)
    svg = None
    if figures_dir is not None:
        svg = figs.save_figure(fig, figures_dir / stem, png=png)[1].read_text(encoding="utf-8")
        svg = svg[svg.index("<svg") :]
    if not key:
        return ""
    return figure_html(fig, caption, svg)


# relative drawing cost of each figure kind (measured on opt: a 10-panel figure ~ 10 group plots)
FIGURE_COST = {"biomarker_panel": 10, "heatmap_figure": 2, "matrix_figure": 2, "scatter_figure": 1, "group_figure": 1}


class FigureJob:
    """The report's figures, rendered (SVG into ``figures_dir``; PNG 300 dpi too with ``png``) while the caller goes on.

    Rendering dominates the report's run time, so figures are drawn in a pool of
    ``workers`` processes (default: one per core) that starts at construction; the
    caller can compute something else (the bootstrap) meanwhile and collect the
    ``<figure>`` snippets with :meth:`snippets`. The output does not depend on the
    number of workers. With one worker (or few figures) everything is drawn in
    :meth:`snippets`, in this process.
    """

    def __init__(
        self,
        results: Results,
        figures_dir: Path | None,
        per_pair: bool,
        progress: Callable[[int], None] | None = None,
        workers: int | None = None,
        png: bool = False,
    ):
        self._results, self._dir, self._progress, self._png = results, figures_dir, progress, png
        self._tasks = _figure_tasks(results, per_pair)
        workers = workers or os.cpu_count() or 1
        self._pool = None
        self._futures = []
        if workers > 1 and len(self._tasks) > 4:
            ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
            self._pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(results,))
            # the costliest figures first, so no worker is left drawing a big panel alone at the end
            order = sorted(range(len(self._tasks)), key=lambda i: FIGURE_COST.get(self._tasks[i][0], 1))
            futures = {i: self._pool.submit(_render, self._tasks[i], figures_dir, None, png) for i in reversed(order)}
            self._futures = [futures[i] for i in range(len(self._tasks))]
            if progress:
                for fut in self._futures:  # called from the pool's thread as each figure lands
                    fut.add_done_callback(lambda _: progress(1))

    def close(self) -> None:
        """Stop the pool (figures not yet drawn are cancelled); safe to call twice."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def snippets(self) -> dict[str, list[str]]:
        """Wait for every figure; the report's snippets by section ('groups', 'heatmaps', 'matrices', 'panels')."""
        if self._pool is not None:
            try:
                rendered = [fut.result() for fut in self._futures]
            finally:
                self.close()
        else:
            rendered = []
            for t in self._tasks:
                rendered.append(_render(t, self._dir, self._results, self._png))
                if self._progress:
                    self._progress(1)
        out: dict[str, list[str]] = {"groups": [], "heatmaps": [], "matrices": [], "panels": []}
        for t, snippet in zip(self._tasks, rendered):
            if t[4]:
                out[t[4]].append(snippet)
        return out


def report_figures(
    results: Results,
    figures_dir: Path | None,
    per_pair: bool,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    png: bool = False,
) -> dict[str, list[str]]:
    """Render the report's figures (SVG into ``figures_dir``, PNG 300 dpi with ``png``); see :class:`FigureJob`."""
    return FigureJob(results, figures_dir, per_pair, progress, workers, png).snippets()


def n_report_figures(results: Results, per_pair: bool) -> int:
    """How many figures :func:`report_figures` makes (for a progress bar)."""
    return len(_figure_tasks(results, per_pair))


MAX_STEM = 80


def safe_stem(name: str) -> str:
    """A file-name stem for a figure: letters, digits, '-' and '_' only, at most MAX_STEM characters.

    A name that had to be changed gets a short hash of the original, so that names differing
    only in replaced characters ('CD4%' and 'CD4#') never share a file.

    Examples
    --------
    >>> safe_stem("scatter_tnf_vas"), safe_stem("CD4%") != safe_stem("CD4#")
    ('scatter_tnf_vas', True)
    """
    safe = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_" else "_" for ch in name)
    if safe == name and len(safe) <= MAX_STEM:
        return safe
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{safe[: MAX_STEM - 9]}-{digest}"
