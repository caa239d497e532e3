"""qPCR figures: Ct by condition, replicate SDs, within-subject fold change by group (matplotlib)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .figures import OKABE_ITO, RASTER_ABOVE, styled, subplots


def _box_with_points(ax, values: list[np.ndarray]) -> None:
    """Box plots at x = 0, 1, ... with every value drawn as a jittered point (seeded jitter)."""
    rng = np.random.default_rng(0)
    ax.boxplot(values, positions=range(len(values)), widths=0.5, showfliers=False, medianprops=dict(color="black"))
    for i, v in enumerate(values):
        ax.scatter(
            i + rng.uniform(-0.12, 0.12, len(v)),
            v,
            s=11,
            color=OKABE_ITO[i % 8],
            alpha=0.75,
            linewidths=0,
            rasterized=len(v) > RASTER_ABOVE,
        )


@styled
def qpcr_ct_figure(replicates: pd.DataFrame) -> Figure:
    """Mean Ct per sample for every gene, by condition (box + points): a first look at the run.

    Examples
    --------
    >>> reps = pd.DataFrame({"gene": ["TNF"] * 4, "condition": ["v", "v", "ATP", "ATP"],
    ...                      "ct_mean": [30.1, 30.4, 28.2, 28.0]})
    >>> qpcr_ct_figure(reps).axes[0].get_title()
    'TNF'
    """
    genes = list(dict.fromkeys(replicates["gene"]))
    conds = list(dict.fromkeys(replicates["condition"]))
    fig, axes = subplots((2.2 + 1.6 * len(genes), 3.4), 1, len(genes), squeeze=False)
    for ax, gene in zip(axes[0], genes):
        d = replicates[replicates["gene"] == gene]
        _box_with_points(ax, [d.loc[d["condition"] == c, "ct_mean"].dropna().to_numpy() for c in conds])
        ax.set_xticks(range(len(conds)), conds)
        ax.set_title(gene)
        ax.set_ylabel("mean Ct per sample")
    return fig


@styled
def qpcr_replicate_sd_figure(replicates: pd.DataFrame, sd_max: float = 0.5) -> Figure:
    """SD of technical replicates against their mean Ct; noisy sets (SD > sd_max) are labelled."""
    fig, ax = subplots((5.0, 3.6))
    for i, (gene, d) in enumerate(replicates.groupby("gene", sort=False)):
        ax.scatter(d["ct_mean"], d["ct_sd"], s=14, color=OKABE_ITO[i % 8], label=gene, alpha=0.8, linewidths=0)
    ax.axhline(sd_max, color="0.3", ls="--", lw=1)
    for r in replicates[replicates["sd_flag"]].itertuples():
        ax.annotate(
            f"{r.sample} {r.gene} (well {r.outlier_replicate})",
            (r.ct_mean, r.ct_sd),
            fontsize=7,
            xytext=(3, 3),
            textcoords="offset points",
        )
    ax.set_xlabel("mean Ct")
    ax.set_ylabel("SD of technical replicates (cycles)")
    ax.legend(frameon=False)
    return fig


@styled
def qpcr_fold_change_figure(relative: pd.DataFrame, group_of: dict[str, str] | None = None) -> Figure:
    """Within-subject log2 relative quantity of each target contrast, by clinical group."""
    within = relative[relative["calibrator"].str.endswith("(same subject)")].copy()
    within["panel"] = within["target"] + ": " + within["contrast"]
    group_by_subject = group_of or {}
    within["grp"] = [group_by_subject.get(subject, "all") for subject in within["subject"]]  # no group: 'all'
    panels = list(dict.fromkeys(within["panel"]))
    order = list(dict.fromkeys((group_of or {}).values()))  # the clinical table's order
    groups = sorted(dict.fromkeys(within["grp"]), key=lambda g: order.index(g) if g in order else len(order))
    fig, axes = subplots((1.8 + 1.6 * max(len(groups), 1) * len(panels), 3.4), 1, max(len(panels), 1), squeeze=False)
    for ax, panel in zip(axes[0], panels):
        d = within[within["panel"] == panel]
        vals = [d.loc[d["grp"] == g, "log2_rq"].dropna().to_numpy() for g in groups]
        _box_with_points(ax, vals)
        ax.axhline(0, color="0.5", lw=0.8)
        ax.set_xticks(range(len(groups)), [f"{g}\nn = {len(v)}" for g, v in zip(groups, vals)])
        ax.set_title(panel, loc="left")
        ax.set_ylabel("log2 relative quantity")
    return fig
