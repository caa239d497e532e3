"""The ``[analysis]`` table of a study spec: what to compute (methods, subsets, adjustment,
families, resampling), validated into a frozen :class:`AnalysisOptions`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import OptionError, SpecError, did_you_mean
from ..stats.methods import CLASSICAL_METHODS as METHODS
from ..stats.methods import ROBUST_METHODS
from ..stats.options import check_adjust, check_alternative, check_confidence, check_methods
from .toml_checks import check_keys, finite_number, no_repeats, str_list, toml_table

SUBSET_CHOICES = ("all", "by-group")
FAMILY_CHOICES = ("method-subset", "method", "all")
ANALYSIS_KEYS = (
    "methods",
    "subsets",
    "adjust",
    "confidence",
    "seed",
    "permutations",
    "family",
    "bootstrap",
    "robust",
    "alternative",
    "primary",
)


@dataclass(frozen=True)
class AnalysisOptions:
    """What to compute. See the README's spec reference for each field."""

    methods: tuple[str, ...] = ("pearson", "spearman", "kendall")
    subsets: tuple[str, ...] = ("all", "by-group")
    adjust: str = "holm"
    confidence: float = 0.95
    seed: int = 20171
    permutations: int = 0
    family: str = "method-subset"
    bootstrap: int = 0
    robust: tuple[str, ...] = ("percbend", "bicor", "skipped_spearman")
    alternative: str = "two-sided"
    primary: str | None = None

    @property
    def primary_method(self) -> str:
        """The one method every summary, figure and sentence reports: ``primary``, else Spearman when
        computed (rank-based: robust to the skew and detection-limit pile-ups of biomarkers), else the first."""
        return self.primary or ("spearman" if "spearman" in self.methods else self.methods[0])


MAX_RESAMPLES = 1_000_000


def _analysis_option(check: Callable[..., Any], *args: Any) -> Any:
    """An option checked by :mod:`biocorr.stats.options`, its message prefixed '[analysis] '."""
    try:
        return check(*args)
    except OptionError as exc:
        raise SpecError(f"[analysis] {exc}") from None


def _all_known(values: tuple[str, ...], choices: tuple[str, ...], key: str, what: str, none: str = "") -> None:
    """Refuse the first of ``values`` not among ``choices``, naming the closest and every choice."""
    for v in values:
        if v not in choices:
            raise SpecError(
                f"[analysis] {key}: unknown {what} '{v}'.{did_you_mean(v, choices)} "
                f"Use any of: {', '.join(choices)}{none}."
            )


def parse_analysis(table: dict[str, Any]) -> AnalysisOptions:
    """Validate an ``[analysis]`` table into :class:`AnalysisOptions`.

    Examples
    --------
    >>> parse_analysis({"methods": ["spearman"], "adjust": "fdr"}).adjust
    'bh'
    """
    table = toml_table(table, "[analysis]", 'methods = ["spearman"]')
    check_keys(table, ANALYSIS_KEYS, "[analysis]")
    defaults = AnalysisOptions()
    methods = str_list(table.get("methods", list(defaults.methods)), "[analysis] methods")
    no_repeats(methods, "[analysis] methods")
    if not methods:
        raise SpecError("[analysis] methods: name at least one method.")
    _analysis_option(check_methods, methods, METHODS)
    subsets = str_list(table.get("subsets", list(defaults.subsets)), "[analysis] subsets")
    if not subsets:
        raise SpecError('[analysis] subsets: name at least one of "all" and "by-group".')
    no_repeats(subsets, "[analysis] subsets")
    _all_known(subsets, SUBSET_CHOICES, "subsets", "subset")
    adjust = _analysis_option(check_adjust, table.get("adjust", defaults.adjust))
    confidence = finite_number(table.get("confidence", defaults.confidence), "[analysis] confidence")
    confidence = _analysis_option(check_confidence, confidence)
    seed = table.get("seed", defaults.seed)
    perms = table.get("permutations", defaults.permutations)
    boot = table.get("bootstrap", defaults.bootstrap)
    for name, v in (("seed", seed), ("permutations", perms), ("bootstrap", boot)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise SpecError(f"[analysis] {name}: expected a whole number >= 0, got {v!r}.")
        if name != "seed" and v > MAX_RESAMPLES:
            raise SpecError(
                f"[analysis] {name}: {v:,} is more than {MAX_RESAMPLES:,}; beyond a few thousand the "
                "Monte Carlo error is already below the printed digits (2,000 to 10,000 is usual)."
            )
    family = str(table.get("family", defaults.family))
    if family not in FAMILY_CHOICES:
        raise SpecError(
            f"[analysis] family: unknown family '{family}'.{did_you_mean(family, FAMILY_CHOICES)} "
            f"Use one of: {', '.join(FAMILY_CHOICES)}."
        )
    robust = str_list(table.get("robust", list(defaults.robust)), "[analysis] robust")
    no_repeats(robust, "[analysis] robust")
    _all_known(robust, ROBUST_METHODS, "robust", "method", " (or [] for none)")
    alternative = _analysis_option(check_alternative, table.get("alternative", defaults.alternative))
    primary = table.get("primary")
    if primary is not None and primary not in methods:
        raise SpecError(f"[analysis] primary: {primary!r} is not one of the methods computed ({', '.join(methods)}).")
    return AnalysisOptions(
        primary=primary,
        alternative=alternative,
        methods=methods,
        subsets=subsets,
        adjust=adjust,
        confidence=confidence,
        seed=seed,
        permutations=perms,
        family=family,
        bootstrap=boot,
        robust=robust,
    )
