"""Header names of a table whose names are apart by single spaces, one name too many for its rows.

A header 'ESR CRP ... PD syn US7' above rows of eleven values holds twelve words: 'syn' (lower
case) continues 'PD'. Taking the last eleven words would shift every label left by one column
('Calprotectin: CRP' for the ESR cell), so a word that begins in lower case joins the word before
it first; only then are leading words taken for the row labels' column.
"""

from __future__ import annotations

import re

# a column's statistic, never part of a name: 'IL-6 IL-8 r p r p', 'rho sig.'
STATISTIC_WORD = r"rho|tau|sig|p-values?|values?|coefficients?|correlations?|beta|est|estimate|and|or|to|of|vs"
CONTINUATION = re.compile(r"(?!(?:" + STATISTIC_WORD + r")$)[a-z][a-z]{2,}")


def continued_names(names: list[str], width: int) -> list[str]:
    """``names`` with each word of three letters or more in lower case (no statistic's name: 'r',
    'p', 'rho', 'p-value') joined to the word before it, when there are more names than ``width``
    columns and no more such words than extra names (the first word is never joined to).

    Parameters
    ----------
    names : the header's words, left to right.
    width : the number of value cells in the widest row.

    Returns
    -------
    The names, joined where needed; unchanged when they are not too many or no word begins in
    lower case. (Reference: none; the convention of multi-word column names in copied tables.)

    Examples
    --------
    >>> continued_names("ESR CRP HAQ PD syn US7".split(), 5)
    ['ESR', 'CRP', 'HAQ', 'PD syn', 'US7']
    >>> continued_names("Variable ESR CRP".split(), 2)
    ['Variable', 'ESR', 'CRP']
    """
    joinable = [k for k in range(1, len(names)) if CONTINUATION.fullmatch(names[k])]
    if not joinable or len(joinable) > len(names) - width:
        return list(names)  # no word continues a name, or more than the extra words: left as printed
    joined = list(names)
    for k in reversed(joinable):
        joined[k - 1 : k + 1] = [joined[k - 1] + " " + joined[k]]
    return joined
