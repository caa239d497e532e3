"""The report's qPCR section: Ct by condition, replicate SDs and fold change by group."""

from __future__ import annotations

import html
from pathlib import Path

from . import figures as figs
from . import qpcr_figures as qfigs
from .embed import figure_html

e = html.escape


def qpcr_section(qpcr, group_of: dict[str, str], out_dir: Path | None = None, sd_max: float = 0.5) -> str:
    """The qPCR section: Ct by condition, replicate SDs, fold change by group (figures saved too)."""
    made = [
        (qfigs.qpcr_ct_figure(qpcr.replicates), "qpcr_ct", "Mean Ct per sample, by gene and condition"),
        (
            qfigs.qpcr_replicate_sd_figure(qpcr.replicates, sd_max),
            "qpcr_replicate_sd",
            f"Technical-replicate SD against mean Ct (dashed: {sd_max:g} cycles)",
        ),
        (
            qfigs.qpcr_fold_change_figure(qpcr.relative, group_of),
            "qpcr_fold_change",
            "Within-subject log2 relative quantity, by group",
        ),
    ]
    html_figs = []
    for fig, stem, caption in made:
        svg = None
        if out_dir is not None:
            svg = figs.save_figure(fig, out_dir / stem)[1].read_text(encoding="utf-8")
            svg = svg[svg.index("<svg") :]
        html_figs.append(figure_html(fig, caption, svg))
    n_und = len(qpcr.exclusions)
    flagged = int(qpcr.replicates["sd_flag"].sum())
    notes = "".join(f"<li>{e(m)}</li>" for m in qpcr.notes["message"])
    return (
        f'<h2 id="qpcr">qPCR</h2><p>{qpcr.replicates["sample"].nunique()} samples of '
        f"{qpcr.replicates['subject'].nunique()} subjects; {n_und} undetermined well(s) left out of the "
        f"means; {flagged} replicate set(s) with SD above {sd_max:g} cycles (flagged, not dropped). "
        f"Method: {e(str(qpcr.relative['method'].iloc[0]) if len(qpcr.relative) else '')}. Tables in "
        "<code>qpcr/</code>.</p>"
        + (f"<ul>{notes}</ul>" if notes else "")
        + f"<div class='grid'>{''.join(html_figs)}</div>"
    )
