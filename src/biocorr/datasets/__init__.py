"""Real, openly licensed example datasets shipped with biocorr.

=========  ==================================================================
name       what it is
=========  ==================================================================
``hivsn``  197 people with HIV-associated sensory neuropathy, painful (125) vs
           non-painful (72): CD4 count vs anxiety, depression (HSCL-25),
           quality of life (EQ-5D VAS), pain intensity and catastrophizing.
           MIT licence (Kamerman, painful.HIVSN). The default example.
``opt``    823 pregnant women in the OPT trial, treated vs control: baseline
           serum TNF-α, IL-1β, IL-6, IL-8, CRP, PGE2, MMP-9 vs periodontal
           indices. MIT licence (medicaldata). TNF-α is piled at its assay floor.
=========  ==================================================================

Each dataset folder holds the data, its study spec (``spec.toml``), its
licence and its provenance note (``SOURCE.md``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import BiocorrError, did_you_mean

_FILES = {
    "hivsn": "data_all.csv",
    "opt": "opt_serum_periodontal.csv",
}
NAMES = tuple(_FILES)


def _folder(name: str) -> Path:
    if name not in _FILES:
        raise BiocorrError(f"unknown example dataset '{name}'.{did_you_mean(name, NAMES)} "
                           f"Available: {', '.join(NAMES)}.")
    return Path(str(resources.files(__package__) / name))


def data_path(name: str) -> Path:
    """Path of an embedded dataset's data file.

    Examples
    --------
    >>> data_path("opt").name
    'opt_serum_periodontal.csv'
    """
    return _folder(name) / _FILES[name]


def spec_path(name: str) -> Path:
    """Path of an embedded dataset's study spec (TOML)."""
    return _folder(name) / "spec.toml"


def provenance(name: str) -> str:
    """The dataset's provenance note (``SOURCE.md``) as text."""
    return (_folder(name) / "SOURCE.md").read_text(encoding="utf-8")


def load(name: str):
    """Load an embedded dataset, validated against its spec.

    Parameters
    ----------
    name : {'hivsn', 'opt'}

    Returns
    -------
    Study
        Data, spec, exclusions and warnings (see :class:`biocorr.validate.Study`).

    Examples
    --------
    >>> study = load("hivsn")
    >>> len(study.data), study.spec.group_column
    (197, 'painful_sn')
    """
    from ..io import read_table
    from ..study import load_spec
    from ..validate import validate

    spec = load_spec(spec_path(name))
    return validate(read_table(data_path(name), sheet=spec.sheet), spec)
