"""Figures as self-contained HTML: base64 SVG ``<img>`` elements inside ``<figure>``."""

from __future__ import annotations

import base64
import html

from matplotlib.figure import Figure

from .figures import svg_text


def img_html(fig: Figure | None, alt: str, svg: str | None = None) -> str:
    """An ``<img>`` holding the figure as base64 SVG (``svg``: already rendered text, if any; then
    ``fig`` may be None)."""
    if svg is None:
        if fig is None:
            raise ValueError("img_html needs a figure or its SVG text")
        svg = svg_text(fig)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/svg+xml;base64,{data}">'


def figure_html(fig: Figure | None, caption: str, svg: str | None = None) -> str:
    """A ``<figure>`` with the image and its (escaped) caption."""
    return f"<figure>{img_html(fig, caption, svg)}<figcaption>{html.escape(caption)}</figcaption></figure>"
