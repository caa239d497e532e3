"""Helpers shared by the tests: paths to the R reference values, and agreement checks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures"
R_TOL = 1e-10
"""Deterministic statistics must agree with R to this absolute tolerance."""


def read_fixture(name: str) -> pd.DataFrame:
    """A reference CSV written by fixtures/make_reference.R (NA -> NaN)."""
    return pd.read_csv(FIXTURES / name, na_values=["NA"], keep_default_na=False)


def assert_close(actual, expected, tol: float = R_TOL, what: str = "") -> None:
    """Absolute agreement, NaN matching NaN."""
    actual = np.asarray(actual, float)
    expected = np.asarray(expected, float)
    assert actual.shape == expected.shape, what
    same = (np.isnan(actual) & np.isnan(expected)) | (actual == expected)  # NaN/NaN, Inf/Inf
    with np.errstate(invalid="ignore"):
        diff = np.where(same, 0.0, np.abs(actual - expected))
    bad = ~(diff <= tol)
    assert not bad.any(), (
        f"{what}: {bad.sum()} value(s) differ by more than {tol:g}; "
        f"worst {np.nanmax(diff):.3g} (actual {actual[bad][:3]}, expected {expected[bad][:3]})"
    )


def drawn_texts(fig):
    """Every text matplotlib draws in a figure: tick labels inside the view, axis labels, titles,
    annotations, legends (tick labels outside the view limits exist but are not drawn)."""
    out = list(dict.fromkeys(fig.texts))
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle not in out:
        out.append(suptitle)
    for leg in fig.legends:
        out += leg.get_texts()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for axis, (lo, hi) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
            span = hi - lo
            ticks = zip(axis.get_majorticklocs(), axis.get_majorticklabels())
            out += [lab for loc, lab in ticks if lo - 1e-9 * span <= loc <= hi + 1e-9 * span]
            out.append(axis.label)
        out += [ax.title, ax._left_title, ax._right_title, *ax.texts]
        if ax.get_legend() is not None:
            out += ax.get_legend().get_texts()
    return [t for t in out if t.get_visible() and t.get_text().strip()]


def text_overlaps(fig, slack: float = 1.0):
    """(pairs of drawn texts whose boxes overlap by more than ``slack`` px, texts cut by the figure edge).

    Exact for horizontal and vertical text (the layouts draw no other angle)."""
    import itertools

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn_texts(fig)]
    width, height = fig.bbox.width, fig.bbox.height
    outside = [s for s, b in boxes if b.x0 < -slack or b.y0 < -slack or b.x1 > width + slack or b.y1 > height + slack]
    pairs = [
        (a, b)
        for (a, p), (b, q) in itertools.combinations(boxes, 2)
        if min(p.x1, q.x1) - max(p.x0, q.x0) > slack and min(p.y1, q.y1) - max(p.y0, q.y0) > slack
    ]
    return pairs, outside
