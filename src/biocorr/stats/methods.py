"""The one registry of correlation methods: names, labels, symbols, CI labels and kinds.

Every other module asks this registry what a method is called, how it is written in
APA text and on a figure, which CI it has and which engine computes it. Adding a method
means one :class:`Method` entry here, its function in the stats module of its kind, an R
fixture and a doctest (see CONTRIBUTING.md). This module imports nothing from biocorr,
so every stats module may use it.

Kinds
-----
``classical``  Pearson, Spearman, Kendall (R ``cor.test``-identical p-values, Fisher-z CIs).
``robust``     percentage bend, biweight midcorrelation, skipped correlation (no analytic CI).
``partial``    partial Pearson/Spearman given the spec's covariates.
``detected``   Spearman among values above an assay's lower limit.
``repeated``   repeated-measures correlation over subjects' visits (long data).

Examples
--------
>>> METHOD_INFO["spearman"].apa_symbol, METHOD_INFO["kendall"].ci_method
('rₛ', 'Fisher z, Fieller SE')
>>> CLASSICAL_METHODS, ROBUST_METHODS
(('pearson', 'spearman', 'kendall'), ('percbend', 'bicor', 'skipped_spearman'))
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHA = 0.05
"""The significance level every verdict, flag and star in biocorr uses (two-sided)."""

MIN_PAIRS = 3
"""The fewest complete pairs a correlation is computed from."""


@dataclass(frozen=True)
class Method:
    """What one correlation method is.

    Attributes
    ----------
    name : str
        The name in tables, specs and the API (``method`` column).
    kind : {'classical', 'robust', 'partial', 'detected', 'repeated'}
    label : str
        Its name in prose ("Spearman's ρ").
    symbol : str
        Its symbol on figures and in APA text ("rₛ").
    ci_method : str
        How its CI is computed (``ci_method`` column), or why there is none.
    bootstrap : bool
        Whether BCa bootstrap intervals exist for it.
    """

    name: str
    kind: str
    label: str
    symbol: str
    ci_method: str
    bootstrap: bool = True

    @property
    def apa_symbol(self) -> str:
        """The symbol used in APA sentences."""
        return self.symbol


NO_ANALYTIC_CI = "none (BCa with bootstrap=N)"

METHOD_INFO: dict[str, Method] = {
    m.name: m
    for m in (
        Method("pearson", "classical", "Pearson's r", "r", "Fisher z"),
        Method("spearman", "classical", "Spearman's ρ", "rₛ", "Fisher z, Bonett-Wright SE"),
        Method("kendall", "classical", "Kendall's τ-b", "τ", "Fisher z, Fieller SE"),
        Method("percbend", "robust", "percentage bend correlation", "r_pb", NO_ANALYTIC_CI),
        Method("bicor", "robust", "biweight midcorrelation", "r_bw", NO_ANALYTIC_CI),
        Method("skipped_spearman", "robust", "skipped Spearman correlation", "r_skip", NO_ANALYTIC_CI),
        Method(
            "partial_pearson",
            "partial",
            "partial Pearson's r",
            "r_partial",
            "Fisher z, SE 1/sqrt(n - 3 - k)",
            bootstrap=False,
        ),
        Method(
            "partial_spearman",
            "partial",
            "partial Spearman's ρ",
            "rₛ_partial",
            "Fisher z, SE 1/sqrt(n - 3 - k)",
            bootstrap=False,
        ),
        Method(
            "spearman_detected", "detected", "Spearman's ρ among detected values", "rₛ", "Fisher z, Bonett-Wright SE"
        ),
        Method(
            "rmcorr",
            "repeated",
            "repeated-measures correlation",
            "rᵣₘ",
            "Fisher z, SE 1/sqrt(df - 1) (rmcorr)",
            bootstrap=False,
        ),
    )
}

CLASSICAL_METHODS: tuple[str, ...] = tuple(k for k, m in METHOD_INFO.items() if m.kind == "classical")
ROBUST_METHODS: tuple[str, ...] = tuple(k for k, m in METHOD_INFO.items() if m.kind == "robust")
BOOTSTRAP_METHODS: tuple[str, ...] = CLASSICAL_METHODS + ROBUST_METHODS
"""Methods with a resampling engine (detected-only rows are bootstrapped as Spearman)."""
PARTIAL_BASES: tuple[str, ...] = ("pearson", "spearman")
"""Classical methods that have a partial version."""


def method_info(name: str) -> Method:
    """The registry entry of a method, with a clear error for an unknown name.

    Examples
    --------
    >>> method_info("bicor").label
    'biweight midcorrelation'
    """
    try:
        return METHOD_INFO[name]
    except KeyError:
        raise ValueError(
            f"unknown correlation method {name!r}; use one of: " + ", ".join(CLASSICAL_METHODS + ROBUST_METHODS)
        ) from None


def method_symbol(name: str) -> str:
    """Symbol of a method for figures and APA text ('r' for an unknown name).

    Examples
    --------
    >>> method_symbol("kendall")
    'τ'
    """
    info = METHOD_INFO.get(name)
    return info.symbol if info else "r"


def method_label(name: str) -> str:
    """Prose name of a method (the name itself when it is not registered).

    Examples
    --------
    >>> method_label("pearson")
    "Pearson's r"
    """
    info = METHOD_INFO.get(name)
    return info.label if info else name
