"""One check per analysis option, shared by the API, the spec and the command line.

``biocorr.analyze(study, confidence=95)``, ``biocorr.correlate(..., confidence=95)``,
``biocorr.correlation_test(..., confidence=95)``, ``confidence = 95`` in a spec and
``--confidence 95`` on the command line all meet :func:`check_confidence`, so a bad value gets
the same sentence wherever it is written (the spec adds its ``[analysis]`` prefix). The choices
come from the method registry (:mod:`biocorr.stats.methods`); the adjustments are listed here.

Every check returns the canonical value ('two.sided' -> 'two-sided', 'fdr' -> 'bh') or raises
:class:`biocorr.errors.OptionError`, which is both a :class:`biocorr.errors.BiocorrError` (the command line
prints it without a traceback) and a ``ValueError`` (what Python code expects of a bad argument).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..errors import OptionError, did_you_mean
from .methods import CLASSICAL_METHODS, ROBUST_METHODS

# our name -> (R's p.adjust name, what a methods paragraph calls it)
ADJUST_METHODS = {
    "holm": ("holm", "Holm"),
    "bh": ("BH", "Benjamini-Hochberg"),
    "bonferroni": ("bonferroni", "Bonferroni"),
    "none": ("none", "none"),
}
ADJUST_ALIASES = {"fdr": "bh", "BH": "bh", "benjamini-hochberg": "bh", "hochberg-bh": "bh"}

ALTERNATIVE_ALIASES = {
    "two-sided": "two-sided",
    "two.sided": "two-sided",
    "two_sided": "two-sided",
    "greater": "greater",
    "less": "less",
}
"""Spellings of the alternative hypothesis accepted (R writes 'two.sided')."""

PAIR_METHODS: tuple[str, ...] = CLASSICAL_METHODS + ROBUST_METHODS
"""Methods computed from a pair of columns alone (no covariates, visits or detection limits)."""


def check_confidence(confidence: object) -> float:
    """The confidence level as a float strictly between 0 and 1.

    Parameters
    ----------
    confidence : float
        For example 0.95; 95 (a percentage) is refused with a hint rather than guessed.

    Returns
    -------
    float

    Examples
    --------
    >>> check_confidence(0.9)
    0.9
    >>> check_confidence(95)
    Traceback (most recent call last):
    ...
    biocorr.errors.OptionError: confidence: 95 must be between 0 and 1 (e.g. 0.95).
    """
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise OptionError(f"confidence: expected a number between 0 and 1 (e.g. 0.95), got {confidence!r}.")
    value = float(confidence)
    if not (math.isfinite(value) and 0 < value < 1):
        raise OptionError(f"confidence: {value:g} must be between 0 and 1 (e.g. 0.95).")
    return value


def check_alternative(alternative: object) -> str:
    """The alternative hypothesis, canonical: 'two-sided', 'greater' or 'less' (as R's ``cor.test``).

    Examples
    --------
    >>> check_alternative("two.sided"), check_alternative(" Greater ")
    ('two-sided', 'greater')
    """
    key = alternative.strip().lower() if isinstance(alternative, str) else None
    if key not in ALTERNATIVE_ALIASES:
        raise OptionError(
            f"alternative: {alternative!r} is not one of two-sided, greater, less "
            "(greater tests a positive correlation, less a negative one; as R's cor.test)."
        )
    return ALTERNATIVE_ALIASES[key]


def check_method(method: object, allowed: Sequence[str] = PAIR_METHODS, option: str = "method") -> str:
    """A correlation method's name, checked against ``allowed`` (by default every pair method).

    Examples
    --------
    >>> check_method("spearman")
    'spearman'
    >>> check_method("kendal")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    biocorr.errors.OptionError: method: unknown method 'kendal'. Did you mean 'kendall'? Use any of: pearson, ...
    """
    if not isinstance(method, str) or method not in allowed:
        hint = did_you_mean(str(method), allowed)
        raise OptionError(f"{option}: unknown method {str(method)!r}.{hint} Use any of: {', '.join(allowed)}.")
    return method


def check_methods(methods: str | Sequence[str], allowed: Sequence[str] = PAIR_METHODS) -> list[str]:
    """A list of method names, each checked, repeats removed (a single name is a list of one).

    Examples
    --------
    >>> check_methods("kendall"), check_methods(["pearson", "spearman", "pearson"])
    (['kendall'], ['pearson', 'spearman'])
    """
    names = [methods] if isinstance(methods, str) else list(methods)
    if not names:
        raise OptionError(f"methods: no method given; use any of: {', '.join(allowed)}.")
    return list(dict.fromkeys(check_method(m, allowed, "methods") for m in names))


def check_adjust(adjust: object) -> str:
    """The multiple-testing adjustment, canonical: 'holm', 'bh' (alias 'fdr', 'BH'), 'bonferroni' or 'none'.

    Examples
    --------
    >>> check_adjust("fdr"), check_adjust("Holm")
    ('bh', 'holm')
    """
    text = str(adjust)
    key = ADJUST_ALIASES.get(text, text)
    key = ADJUST_ALIASES.get(key.lower(), key.lower())
    if not isinstance(adjust, str) or key not in ADJUST_METHODS:
        hint = did_you_mean(text, ADJUST_METHODS)
        raise OptionError(f"adjust: unknown adjustment {text!r}.{hint} Use one of: {', '.join(ADJUST_METHODS)}.")
    return key
