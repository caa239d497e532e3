"""A JSON sidecar beside a table describes its columns: what a draft may take from it.

BIDS datasets (OpenNeuro, the NIMH volunteer data) keep a ``.json`` file next to each phenotype
table (``phenotype/health_rating.tsv`` and ``phenotype/health_rating.json``): one object per
column with ``LongName``, ``Description`` (often the question asked), ``Levels`` and ``Units``.
A draft uses two of these as evidence, and only these: a description that asks for a rating
("How would you rate your MEDICAL health?") makes the column a score, and ``Units`` gives its unit
(a concentration unit makes it a biomarker). Levels are not used: a Likert item's levels and a
coded category's look alike.

Reference: BIDS specification 1.9, "Modality agnostic files: Phenotypic and assessment data"
(https://bids-specification.readthedocs.io).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 2_000_000  # a sidecar larger than this is not a column description
RATING_WORDS = re.compile(
    r"\b(rate|rating|ratings|how (?:much|often|severe|bad|well|intense|satisfied)|on a scale|scale (?:of|from)|"
    r"score|severity|likert|visual analog(?:ue)?)\b",
    re.I,
)
CONCENTRATION = re.compile(r"^\s*(mc|m|µ|μ|u|n|p|f)?(g|mol|iu|u|eq)\s*/\s*(d|mc|m|µ|μ|u)?l\s*$", re.I)


@dataclass(frozen=True)
class ColumnNotes:
    """What a sidecar says of a table's columns: ``file`` (its name), ``described`` (column → its
    long name and description, one line) and ``units`` (column → its units); ``problem`` says why
    a sidecar that was there could not be read ('' when it was)."""

    file: str = ""
    described: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    problem: str = ""


def read_sidecar(path: str | Path) -> ColumnNotes:
    """The column notes of the JSON file beside ``path`` (same name, ``.json``).

    Parameters
    ----------
    path : str or Path
        The data file (``gad7.tsv``).

    Returns
    -------
    ColumnNotes
        Empty when there is no sidecar; with ``problem`` set when there is one that is not a JSON
        object of column objects (a draft never stops on it).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "health.json").write_text('{"MH": {"Description": "How would you rate it?"},'
    ...                                         ' "CRP": {"Units": "mg/L"}}')
    >>> notes = read_sidecar(folder / "health.tsv")
    >>> notes.file, notes.described["MH"], notes.units["CRP"]
    ('health.json', 'How would you rate it?', 'mg/L')
    """
    sidecar = Path(path).with_suffix(".json")
    if not sidecar.is_file():
        return ColumnNotes()
    if sidecar.stat().st_size > MAX_BYTES:
        return ColumnNotes(sidecar.name, problem="larger than a column description, not read")
    try:
        notes = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return ColumnNotes(sidecar.name, problem=f"not read ({type(error).__name__})")
    if not isinstance(notes, dict):
        return ColumnNotes(sidecar.name, problem="not an object of column descriptions")
    described: dict[str, str] = {}
    units: dict[str, str] = {}
    for column, note in notes.items():
        if not isinstance(note, dict):
            continue
        words = [str(note[k]).strip() for k in ("LongName", "Description") if isinstance(note.get(k), str)]
        if text := " ".join(" ".join(w for w in words if w).split()):
            described[str(column)] = text
        if isinstance(note.get("Units"), str) and note["Units"].strip():
            units[str(column)] = " ".join(note["Units"].split())
    return ColumnNotes(sidecar.name, described, units)


def role_from_notes(notes: ColumnNotes, column: str) -> tuple[str, str] | None:
    """(role, why) when the sidecar is evidence of a role: a description asking for a rating (a
    score) or a concentration unit (a biomarker); None otherwise.

    Examples
    --------
    >>> notes = ColumnNotes("h.json", {"MH": "MENTAL_HEALTH 2. How would you rate your MENTAL health?"})
    >>> role_from_notes(notes, "MH")
    ('score', "guess: h.json asks for a rating ('MENTAL_HEALTH 2. How would you rate your MENTAL health?')")
    >>> role_from_notes(ColumnNotes("b.json", units={"Ferritin": "MCG/L"}), "Ferritin")
    ('biomarker', 'guess: b.json gives a concentration unit (MCG/L)')
    >>> role_from_notes(notes, "age") is None
    True
    """
    text = notes.described.get(column, "")
    if RATING_WORDS.search(text):
        shown = text if len(text) <= 80 else text[:77] + "..."
        return "score", f"guess: {notes.file} asks for a rating ({shown!r})"
    unit = notes.units.get(column, "")
    if CONCENTRATION.match(unit):
        return "biomarker", f"guess: {notes.file} gives a concentration unit ({unit})"
    return None
