"""Exceptions a user can act on.

Every error raised because of the *input* (a file, a spec, a column) is a
:class:`BiocorrError`. The command-line interface prints its message and exits
with status 2; it never shows a traceback for these. Anything else is a bug.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class BiocorrError(Exception):
    """Base class for problems with the user's input (exit status 2 on the CLI)."""


class InputFileError(BiocorrError):
    """A data file cannot be found, read or parsed."""


class SpecError(BiocorrError):
    """The study spec (TOML) is malformed or names columns the data lacks."""


class DataError(BiocorrError):
    """The data cannot support the requested analysis (empty, one row, constant column)."""


class OptionError(BiocorrError, ValueError):
    """An analysis option (confidence, alternative, method, adjustment) has a value no method accepts.

    Also a ``ValueError``, what Python code expects of a bad argument; see :mod:`biocorr.stats.options`.
    """


def missing_file_message(path, what: str, suffix: str) -> str:
    """'spec file 'x' does not exist.' or, for a folder, what to give instead.

    Examples
    --------
    >>> missing_file_message(".", "spec file", ".toml")
    "spec file '.' is a folder; give the path of the .toml file inside it."
    """
    from pathlib import Path

    if Path(path).is_dir():
        return f"{what} '{path}' is a folder; give the path of the {suffix} file inside it."
    return f"{what} '{path}' does not exist."


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """Return a " Did you mean 'X'?" hint for a misspelt name, or "".

    Parameters
    ----------
    name : str
        The name the user wrote.
    candidates : iterable of str
        The names that exist.

    Returns
    -------
    str
        A sentence to append to an error message (empty when nothing is close).

    Examples
    --------
    >>> did_you_mean("hscl_anxeity", ["hscl_anxiety", "age"])
    " Did you mean 'hscl_anxiety'?"
    """
    pool = [str(c) for c in candidates]
    close = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        if name.lower() in lowered:
            close = [lowered[name.lower()]]
    if not close:
        return ""
    if len(close) == 1:
        return f" Did you mean '{close[0]}'?"
    return " Did you mean one of: " + ", ".join(f"'{c}'" for c in close) + "?"
