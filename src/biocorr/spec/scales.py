"""A catalogue of common clinical scales: their possible ranges, matched by column name (``init-spec``).

Each entry is a name pattern, the scale's name, its scorings (a total and, where the scale is
often reported as a mean item score, that too) and the source of the range. A draft spec gets
the range of the narrowest scoring that holds every observed value of the column, with the
scale and scoring named in a comment; when no scoring holds the data, none is proposed (the
column then gets a comment saying so, for the analyst to check).

Ranges are those of the published scoring rules:

- VAS 0-100 mm; NRS 0-10: Hawker GA et al. (2011) *Arthritis Care Res* 63 S240-S252.
- HADS anxiety / depression 0-21 each, total 0-42: Zigmond AS, Snaith RP (1983) *Acta Psychiatr Scand* 67, 361-370.
- BDI-II 0-63: Beck AT, Steer RA, Brown GK (1996) *Manual for the BDI-II*.
- PHQ-9 0-27: Kroenke K et al. (2001) *J Gen Intern Med* 16, 606-613.
- GAD-7 0-21: Spitzer RL et al. (2006) *Arch Intern Med* 166, 1092-1097.
- STAI state / trait 20-80: Spielberger CD (1983) *Manual for the STAI*.
- MADRS 0-60: Montgomery SA, Asberg M (1979) *Br J Psychiatry* 134, 382-389.
- HAM-D (17 items) 0-52: Hamilton M (1960) *J Neurol Neurosurg Psychiatry* 23, 56-62.
- HAM-A 0-56: Hamilton M (1959) *Br J Med Psychol* 32, 50-55.
- FIQR 0-100: Bennett RM et al. (2009) *Arthritis Res Ther* 11, R120.
- SF-36 scales 0-100: Ware JE, Sherbourne CD (1992) *Med Care* 30, 473-483.
- EQ-5D VAS 0-100: EuroQol Group (1990) *Health Policy* 16, 199-208.
- PCS total 0-52, mean item 0-4: Sullivan MJL et al. (1995) *Psychol Assess* 7, 524-532.
- HSCL-25 mean item 1-4, total 25-100: Derogatis LR et al. (1974) *Behav Sci* 19, 1-15.
- DASS-21 subscales 0-21 (items summed) or 0-42 (doubled): Lovibond SH, Lovibond PF (1995)
  *Manual for the DASS*.
- FSS total 9-63, mean item 1-7: Krupp LB et al. (1989) *Arch Neurol* 46, 1121-1123.
- MFI-20 subscales 4-20, total 20-100: Smets EMA et al. (1995) *J Psychosom Res* 39, 315-325.
- BPI severity / interference items 0-10: Cleeland CS, Ryan KM (1994) *Ann Acad Med Singap* 23, 129-138.
- Oswestry Disability Index 0-100: Fairbank JCT, Pynsent PB (2000) *Spine* 25, 2940-2953.
- Roland-Morris Disability Questionnaire 0-24: Roland M, Morris R (1983) *Spine* 8, 141-144.
- PSQI global 0-21: Buysse DJ et al. (1989) *Psychiatry Res* 28, 193-213.
- Insomnia Severity Index 0-28: Bastien CH et al. (2001) *Sleep Med* 2, 297-307.
- PSS-10 0-40: Cohen S, Kamarck T, Mermelstein R (1983) *J Health Soc Behav* 24, 385-396.
- CES-D 0-60: Radloff LS (1977) *Appl Psychol Meas* 1, 385-401.
- Periodontal indices: Plaque Index 0-3, Silness J, Löe H (1964) *Acta Odontol Scand* 22, 121-135;
  Gingival Index 0-3, Löe H, Silness J (1963) *Acta Odontol Scand* 21, 533-551; Calculus Index
  0-3, Greene JC, Vermillion JR (1964) *J Am Dent Assoc* 68, 7-13; bleeding on probing as the
  percentage of sites 0-100, Ainamo J, Bay I (1975) *Int Dent J* 25, 229-235; the percentage of
  sites with probing depth or attachment loss at or beyond a threshold (``PD4``, ``%PD>=5``,
  ``CAL_3mm``) 0-100 and probing depth in mm 0-15, the scale of the standard (UNC-15) probe,
  Hefti AF (1997) *Crit Rev Oral Biol Med* 8, 336-356. Mean attachment level has no published
  bound (it can be negative) and is not catalogued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Scale:
    """One scale: a name pattern, its name and its scorings ((name, low, high), narrowest first)."""

    pattern: re.Pattern
    name: str
    scorings: tuple[tuple[str, float, float], ...]


def _scale(pattern: str, name: str, *scorings: tuple[str, float, float]) -> Scale:
    return Scale(re.compile(pattern, re.I), name, tuple(sorted(scorings, key=lambda s: s[2] - s[1])))


SCALES: tuple[Scale, ...] = (
    _scale(r"eq.?5d.?vas", "EQ-5D VAS", ("0-100", 0, 100)),
    _scale(r"hads.?(a|anx)", "HADS anxiety", ("0-21", 0, 21)),
    _scale(r"hads.?(d|dep)", "HADS depression", ("0-21", 0, 21)),
    _scale(r"hads", "HADS", ("total 0-42", 0, 42)),
    _scale(r"bdi", "BDI-II", ("0-63", 0, 63)),
    _scale(r"phq.?9", "PHQ-9", ("0-27", 0, 27)),
    _scale(r"gad.?7", "GAD-7", ("0-21", 0, 21)),
    _scale(r"stai", "STAI", ("20-80", 20, 80)),
    _scale(r"madrs", "MADRS", ("0-60", 0, 60)),
    _scale(r"ham.?d|hdrs", "HAM-D (17 items)", ("0-52", 0, 52)),
    _scale(r"ham.?a|hars", "HAM-A", ("0-56", 0, 56)),
    _scale(r"fiq", "FIQR", ("0-100", 0, 100)),
    _scale(r"sf.?36", "SF-36 scale", ("0-100", 0, 100)),
    _scale(r"pcs|catastroph", "Pain Catastrophizing Scale", ("total 0-52", 0, 52), ("mean item 0-4", 0, 4)),
    _scale(r"hscl", "HSCL-25", ("mean item 1-4", 1, 4), ("total 25-100", 25, 100)),
    _scale(r"dass", "DASS-21 subscale", ("items summed 0-21", 0, 21), ("doubled 0-42", 0, 42)),
    _scale(r"fss|fatigue.?severity", "Fatigue Severity Scale", ("total 9-63", 9, 63), ("mean item 1-7", 1, 7)),
    _scale(r"mfi", "MFI-20", ("subscale 4-20", 4, 20), ("total 20-100", 20, 100)),
    _scale(r"bpi", "BPI item", ("0-10", 0, 10)),
    _scale(r"(^|[^a-z])odi([^a-z]|$)|oswestry", "Oswestry Disability Index", ("0-100", 0, 100)),
    _scale(r"rmdq|roland", "Roland-Morris Disability Questionnaire", ("0-24", 0, 24)),
    _scale(r"psqi", "PSQI global", ("0-21", 0, 21)),
    _scale(r"(^|[^a-z])isi([^a-z]|$)|insomnia.?severity", "Insomnia Severity Index", ("0-28", 0, 28)),
    _scale(r"(^|[^a-z])pss([^a-z]|$)|perceived.?stress", "PSS-10", ("0-40", 0, 40)),
    _scale(r"ces.?d", "CES-D", ("0-60", 0, 60)),
    _scale(r"plaque|(^|[^a-z])pl\.?i([^a-z]|$)", "Plaque Index (Silness-Löe)", ("0-3", 0, 3)),
    _scale(r"gingival", "Gingival Index (Löe-Silness)", ("0-3", 0, 3)),
    _scale(r"calculus|(^|[^a-z])calc\.?i([^a-z]|$)", "Calculus Index (Greene-Vermillion)", ("0-3", 0, 3)),
    _scale(r"(^|[^a-z])bop([^a-z]|$)|bleeding.?on.?probing", "bleeding on probing", ("% of sites 0-100", 0, 100)),
    _scale(
        r"(^|[^a-z])((p?pd|pocket)[^a-z0-9]*(>=?|≥|ge|gt)?[^a-z0-9]*[2-9]|(cal|attachment)[^a-z0-9]*(>=?|≥|ge|gt)?"
        r"[^a-z0-9]*[1-9])([^a-z0-9]*mm)?([^a-z0-9]|$)",  # not PD-1, the immune checkpoint
        "sites at or beyond a probing depth or attachment loss",
        ("% of sites 0-100", 0, 100),
    ),
    _scale(
        r"(^|[^a-z])p?pd(?![^a-z0-9]?l?\d)([^a-z0-9]|$)|probing.?depth|pocket.?depth",
        "probing depth",
        ("mm 0-15", 0, 15),
    ),
    _scale(r"nrs|pain.?intensity|intensity", "numeric rating scale", ("0-10", 0, 10)),
    _scale(r"vas", "visual analogue scale", ("0-100 mm", 0, 100), ("0-10 cm", 0, 10)),
)


# a single item of a scale ('BDI_Q5', 'FIQ_item3'): no scale's total range fits it
ITEM = re.compile(r"(^|[^a-z])(item|it|q|i)[ _.-]?\d+([^0-9]|$)|(^|[^a-z])items?([^a-z]|$)", re.I)
# a component, subscale or domain of a scale catalogued by its total ('PSQI_C1', 'PCS_rumination')
PART = re.compile(
    r"(^|[^a-z])(c|comp|component|sub|subscale|dom|domain|factor)[ _.-]?\d*([^a-z]|$)|component|subscale|domain|"
    r"rumination|helplessness|magnification",
    re.I,
)
PER_PART = {"HADS anxiety", "HADS depression", "DASS-21 subscale", "MFI-20", "SF-36 scale", "BPI item"}
"""Catalogue entries whose ranges are those of a subscale or item already (a part marker is fine)."""
OTHER_VERSION = re.compile(r"ham.?d.?(21|24|28)|hdrs.?(21|24|28)|(21|24|28).?items?", re.I)  # not HAM-D 17


def part_of_total(column: str, scale: Scale) -> str:
    """Why a column named like ``scale`` is not the scale the catalogue's range is for ('' if it is).

    Examples
    --------
    >>> psqi = scale_for("PSQI")
    >>> part_of_total("PSQI_C1", psqi), part_of_total("PSQI_global", psqi)
    ('a component or subscale', '')
    """
    if ITEM.search(column) and scale.name != "BPI item":
        return "a single item"
    if PART.search(column) and scale.name not in PER_PART:
        return "a component or subscale"
    if scale.name.startswith("HAM-D") and OTHER_VERSION.search(column):
        return "another version (the catalogue has the 17-item HAM-D)"
    return ""


def scale_for(name: str) -> Scale | None:
    """The catalogued scale a column or label is named like (the first pattern that matches), or None.

    Examples
    --------
    >>> scale_for("HADS_A").name, scale_for("TNF") is None
    ('HADS anxiety', True)
    """
    return next((scale for scale in SCALES if scale.pattern.search(name)), None)


def catalogue_range(column: str, values: np.ndarray) -> tuple[tuple[float, float], str] | None:
    """The range to propose for a column named like a known scale, and why; None if unknown.

    The first scale whose pattern matches the name decides; its narrowest scoring that holds
    every observed value is proposed. When none holds them the range is (NaN, NaN) and the
    comment says so: the caller writes it as a comment, not as a range.

    Parameters
    ----------
    column : str
        The column name.
    values : ndarray
        Its observed values (NaN ignored).

    Returns
    -------
    ((low, high), comment), or None for a name no scale matches

    Examples
    --------
    >>> catalogue_range("HADS_A", np.array([3.0, 11, 17]))
    ((0.0, 21.0), 'HADS anxiety 0-21')
    >>> catalogue_range("pcs", np.array([0.5, 2.25, 3.9]))  # a mean item score
    ((0.0, 4.0), 'Pain Catastrophizing Scale mean item 0-4')
    >>> catalogue_range("VAS", np.array([12.0, 140]))[1]
    'visual analogue scale: no scoring holds the values (12 to 140); check the column'
    >>> catalogue_range("TNF", np.array([1.0])) is None
    True
    """
    v = np.asarray(values, float)
    v = v[~np.isnan(v)]
    for scale in SCALES:
        if not scale.pattern.search(column):
            continue
        if why := part_of_total(column, scale):
            return (np.nan, np.nan), f"{scale.name}: '{column}' looks like {why}; its range is not catalogued, give it"
        for scoring, low, high in scale.scorings:
            if len(v) and v.min() >= low and v.max() <= high:
                return (float(low), float(high)), f"{scale.name} {scoring}"
        shown = f"{v.min():g} to {v.max():g}" if len(v) else "no values"
        return (np.nan, np.nan), f"{scale.name}: no scoring holds the values ({shown}); check the column"
    return None
