"""The columns an analyst names for a draft (``init-spec --biomarkers/--scores/--covariates``):
names or shell-style patterns (``IL*``, ``cyt?``) matched against the table's header.

Naming roles answers the draft's questions: the named columns get those roles, every other
column is listed as not used, and the draft keeps to what the analyst asked for.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from ..errors import DataError, did_you_mean

ROLES = ("biomarker", "score", "covariate")


def named_roles(header: list[str], **patterns: str | None) -> dict[str, str]:
    """Column → role from comma-separated names or patterns per role, in the header's order.

    Parameters
    ----------
    header : list of str
        The table's column names.
    biomarkers, scores, covariates : str, optional
        Comma-separated names or shell-style patterns (``*``, ``?``, ``[...]``; case-sensitive).

    Returns
    -------
    dict
        Empty when nothing was named.

    Raises
    ------
    DataError
        A name or pattern matching no column (with the nearest name), or a column named for two roles.

    Examples
    --------
    >>> named_roles(["id", "IL6", "IL10", "VAS", "age"], biomarkers="IL*", scores="VAS", covariates=None)
    {'IL6': 'biomarker', 'IL10': 'biomarker', 'VAS': 'score'}
    """
    roles: dict[str, str] = {}
    for role in ROLES:
        text = patterns.get(f"{role}s")
        for item in [t.strip() for t in (text or "").split(",") if t.strip()]:
            matched = [c for c in header if c == item or fnmatchcase(c, item)]
            if not matched:
                flag = f"--{role}s"
                raise DataError(f"{flag} '{item}': no column of the table is called that.{did_you_mean(item, header)}")
            for column in matched:
                if roles.get(column, role) != role:
                    raise DataError(
                        f"column '{column}' is named as a {roles[column]} and as a {role}; a column has one role."
                    )
                roles[column] = role
    return {c: roles[c] for c in header if c in roles}
