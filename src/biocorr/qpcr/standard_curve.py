"""Amplification efficiency from a dilution series, with the checks a qPCR reviewer makes.

The series (gene, quantity, ct) is read through the shared reader: Ct values with decimal commas,
quantities written as dilutions ('1:100', '1/100', '10^-2', '1e-2') are read; a cell that is
neither is listed with its row, never dropped silently. A curve that cannot be a dilution series
is refused: fewer than three distinct quantities, a quantity of zero or below, or Ct that does
not fall as the quantity rises (slope >= 0, an efficiency of 50 % or a flat line). A curve that is
physically possible but outside the MIQE guideline (efficiency outside 90-110 %, R² below 0.98,
a span under three orders of magnitude) is kept with a note.

References
----------
Pfaffl MW (2001), *Nucleic Acids Res* 29, e45 (E = 10^(−1/slope)).
Bustin SA et al. (2009). The MIQE guidelines. *Clin Chem* 55, 611-622.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..data.cells import parse_numeric
from ..data.read import read_table
from ..errors import did_you_mean
from ..spec.qpcr import QpcrError

DILUTION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[:/]\s*(\d+(?:[.,]\d+)?)\s*$")  # '1:100', '1/100'
POWER = re.compile(r"^\s*10\s*\^\s*\(?\s*([+-]?\d+(?:[.,]\d+)?)\s*\)?\s*$")  # '10^-2', '10^(-2)'
E_GUIDELINE = (1.9, 2.1)  # 90-110 % efficiency (MIQE)
R2_GUIDELINE = 0.98
SPAN_GUIDELINE = 3.0  # orders of magnitude of quantity


def _quantity(text: str) -> float | None:
    """A quantity cell as a number: '100', '1:100' (= 0.01), '1/100', '10^-2', '1e-2', '2,5'.

    Examples
    --------
    >>> [_quantity(t) for t in ("100", "1:100", "1/4", "10^-2", "1e-2", "2,5", "abc")]
    [100.0, 0.01, 0.25, 0.01, 0.01, 2.5, None]
    """
    if (m := DILUTION.match(text)) is not None:
        num, den = (float(g.replace(",", ".")) for g in m.groups())
        return num / den if den else None
    if (m := POWER.match(text)) is not None:
        return float(10 ** float(m.group(1).replace(",", ".")))
    value, _, failed, _ = parse_numeric(pd.Series([text]), True, set())
    return None if bool(failed.iloc[0]) or pd.isna(value.iloc[0]) else float(value.iloc[0])


def read_standard_curve(path: str | Path) -> tuple[pd.DataFrame, list[str]]:
    """A dilution series file as (gene, quantity, ct, row) and notes on the cells left out.

    Raises
    ------
    QpcrError
        A column is missing, or a quantity is zero or negative (a log10 needs a positive amount).
    """
    raw = read_table(path)
    name = Path(path).name
    columns = {str(c).strip().lower(): c for c in raw.frame.columns}
    missing = [c for c in ("gene", "quantity", "ct") if c not in columns]
    if missing:
        hint = "".join(did_you_mean(c, list(columns)) for c in missing)
        raise QpcrError(f"{name}: needs columns gene, quantity, ct (missing: {', '.join(missing)}).{hint}")
    frame = raw.frame
    rows = np.arange(len(frame)) + raw.first_data_row
    ct_cells = frame[columns["ct"]]
    ct, ct_missing, ct_failed, _ = parse_numeric(ct_cells, True, {"Undetermined", "undetermined", "UNDETERMINED"})
    quantity = frame[columns["quantity"]].map(lambda v: _quantity(str(v)) if str(v).strip() else np.nan)
    notes = [
        f"row {rows[i]}: Ct '{ct_cells.iloc[i]}' is not a number; the well is left out"
        for i in np.flatnonzero(ct_failed.to_numpy())
    ]
    notes += [  # 'Undetermined': no amplification, which a fit on log10(quantity) cannot use
        f"row {rows[i]}: Ct '{ct_cells.iloc[i]}' (no amplification); the well is left out of the fit"
        for i in np.flatnonzero(ct_missing.to_numpy() & ct_cells.map(lambda v: bool(str(v).strip())).to_numpy())
    ]
    unreadable = quantity.isna() & frame[columns["quantity"]].map(lambda v: bool(str(v).strip())).to_numpy()
    notes += [
        f"row {rows[i]}: quantity '{frame[columns['quantity']].iloc[i]}' is not a number or a dilution such as "
        "1:100; the well is left out"
        for i in np.flatnonzero(unreadable.to_numpy())
    ]
    q = quantity.to_numpy(float)
    bad = np.flatnonzero(np.isfinite(q) & (q <= 0))
    if len(bad):
        i = int(bad[0])
        raise QpcrError(
            f"{name} row {rows[i]}: quantity {q[i]:g} is not positive; a standard curve regresses Ct on log10 of "
            "the amount, which needs every quantity above 0 (remove the no-template control from the series)."
        )
    out = pd.DataFrame({"gene": frame[columns["gene"]].map(lambda v: str(v).strip()), "quantity": q,
                        "ct": ct.to_numpy(float), "row": rows})  # fmt: skip
    return out, notes


def standard_curve(
    data: pd.DataFrame, gene: str = "gene", quantity: str = "quantity", ct: str = "ct", confidence: float = 0.95
) -> pd.DataFrame:
    """Amplification efficiency per gene from a dilution series.

    Regresses Ct on log10(quantity) per gene: E = 10^(−1/slope) (2 = 100%), its CI
    from the slope's t interval, and R².

    Returns
    -------
    DataFrame
        ``gene, n, slope, intercept, r2, efficiency, efficiency_percent,
        efficiency_ci_low, efficiency_ci_high, note`` (what falls outside the MIQE guideline).

    Raises
    ------
    QpcrError
        Fewer than 3 distinct quantities, or Ct not falling as the quantity rises.

    References
    ----------
    Pfaffl MW (2001), *Nucleic Acids Res* 29, e45 (E = 10^(−1/slope)).

    Examples
    --------
    >>> d = pd.DataFrame({"gene": ["g"] * 4, "quantity": [1, 10, 100, 1000],
    ...                   "ct": [30.0, 26.68, 23.36, 20.04]})
    >>> round(standard_curve(d)["efficiency"].item(), 4)
    2.0008
    """
    from scipy import stats  # ~0.45 s to import: only when a standard curve is fitted

    rows = []
    for g, d in data.dropna(subset=[quantity, ct]).groupby(gene, sort=False):
        x = np.log10(d[quantity].to_numpy(float))
        y = d[ct].to_numpy(float)
        _refuse_impossible(str(g), x, y)
        fit = stats.linregress(x, y)
        n = len(x)
        tcrit = stats.t.ppf((1 + confidence) / 2, n - 2) if n > 2 else np.nan
        s_lo, s_hi = fit.slope - tcrit * fit.stderr, fit.slope + tcrit * fit.stderr
        e = 10 ** (-1 / fit.slope)
        e_bounds = sorted([10 ** (-1 / s_lo), 10 ** (-1 / s_hi)]) if n > 2 else [np.nan, np.nan]
        rows.append(
            dict(
                gene=g,
                n=n,
                slope=fit.slope,
                intercept=fit.intercept,
                r2=fit.rvalue**2,
                efficiency=e,
                efficiency_percent=(e - 1) * 100,
                efficiency_ci_low=e_bounds[0],
                efficiency_ci_high=e_bounds[1],
                note=_guideline_note(e, fit.rvalue**2, float(np.ptp(x))),
            )
        )
    return pd.DataFrame(rows)


def _refuse_impossible(gene: str, x: np.ndarray, y: np.ndarray) -> None:
    """A series that cannot be a dilution curve: too few levels, or Ct not falling with quantity."""
    if len(np.unique(x)) < 3:
        raise QpcrError(f"gene '{gene}': {len(np.unique(x))} distinct quantities; a standard curve needs at least 3.")
    from scipy import stats

    slope = stats.linregress(x, y).slope if np.ptp(y) > 0 else 0.0
    if not slope < 0:
        raise QpcrError(
            f"gene '{gene}': Ct does not fall as the quantity rises (slope {slope:.3g} per 10-fold); more template "
            "gives a lower Ct, so this is not a dilution series (check the quantity column and its direction)."
        )


def _guideline_note(e: float, r2: float, span: float) -> str:
    """What a MIQE reviewer would remark on, or ''."""
    notes = []
    if not E_GUIDELINE[0] <= e <= E_GUIDELINE[1]:
        notes.append(f"efficiency {100 * (e - 1):.0f}% is outside 90-110%")
    if r2 < R2_GUIDELINE:
        notes.append(f"R² {r2:.3f} is below {R2_GUIDELINE}")
    if span < SPAN_GUIDELINE:
        notes.append(f"the series spans {span:.1f} orders of magnitude (fewer than {SPAN_GUIDELINE:g})")
    return "; ".join(notes)
