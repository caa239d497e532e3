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
``qpcr_demo``  SIMULATED (``make_demo.py``): a 24-subject Ct export (TNF, GAPDH, ACTB;
           vehicle vs ATP) and clinical table in the motivating design. Loading it
           runs the qPCR step and joins the per-subject ratios.
``claims`` A claims template (``motivating_claims.csv``) for ``biocorr check``.
=========  ==================================================================

Each real dataset folder holds the data, its study spec (``spec.toml``), its
licence and its provenance note (``SOURCE.md``). :func:`copy_example` copies any
example's files into a folder, so every README command runs outside the repository.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import BiocorrError, did_you_mean

_FILES = {
    "hivsn": "data_all.csv",
    "opt": "opt_serum_periodontal.csv",
    "qpcr_demo": "clinical.csv",
}
NAMES = tuple(_FILES)
"""Examples that ``analyze --example`` and :func:`load` take."""
CT_FILES = {"qpcr_demo": "ct_export.csv"}
"""Examples that come with a Ct export (loaded through the qPCR step)."""
EXAMPLES = NAMES + ("claims",)
"""Every example folder, for :func:`copy_example`."""


def _folder(name: str, allowed: tuple[str, ...] = NAMES) -> Path:
    if name not in allowed:
        raise BiocorrError(
            f"unknown example dataset '{name}'.{did_you_mean(name, allowed)} Available: {', '.join(allowed)}."
        )
    return Path(str(resources.files(__package__) / name))


def example_path(name: str) -> Path:
    """The folder of an example (``hivsn``, ``opt``, ``qpcr_demo`` or ``claims``).

    Examples
    --------
    >>> sorted(p.name for p in example_path("claims").iterdir())
    ['SOURCE.md', 'example_passage.md', 'motivating_claims.csv']
    """
    return _folder(name, EXAMPLES)


def copy_example(name: str, destination: str | Path) -> list[Path]:
    """Copy an example's files into ``destination`` (created if needed); returns the files written.

    Existing files are not overwritten: a :class:`~biocorr.errors.BiocorrError` names the first
    (a link counts, even one to nothing: it is never written through).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sorted(p.name for p in copy_example("qpcr_demo", d))
    ['SOURCE.md', 'clinical.csv', 'ct_export.csv', 'make_demo.py', 'spec.toml']
    """
    import os

    dest = Path(destination)
    files = sorted(p for p in example_path(name).iterdir() if p.is_file() and p.suffix != ".pyc")
    clash = [dest / p.name for p in files if os.path.lexists(dest / p.name)]
    if clash:
        kind = f" (a link to '{os.readlink(clash[0])}')" if clash[0].is_symlink() else ""
        raise BiocorrError(f"'{clash[0]}' already exists{kind}; choose an empty folder for the example.")
    if dest.is_symlink() and not dest.exists():
        raise BiocorrError(f"'{dest}' is a link to '{os.readlink(dest)}', which does not exist; choose another --to.")
    blocking = next((p for p in (dest, *dest.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise BiocorrError(f"'{blocking}' is a file, so the folder '{dest}' cannot be made; choose another --to.")
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for source in files:
        with open(dest / source.name, "xb") as out:  # exclusive create: fails on a link, never follows one
            out.write(source.read_bytes())
        written.append(dest / source.name)
    return written


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


def ct_path(name: str) -> Path | None:
    """The Ct export of an example, or None when it has none."""
    return _folder(name) / CT_FILES[name] if name in CT_FILES else None


def provenance(name: str) -> str:
    """The dataset's provenance note (``SOURCE.md``) as text."""
    return (_folder(name, EXAMPLES) / "SOURCE.md").read_text(encoding="utf-8")


def load(name: str):
    """Load an embedded dataset, validated against its spec.

    Parameters
    ----------
    name : {'hivsn', 'opt', 'qpcr_demo'}

    Returns
    -------
    Study
        Data, spec, exclusions and warnings (see :class:`biocorr.data.study.Study`); for
        ``qpcr_demo`` the Ct export's per-subject ratios are joined first.

    Examples
    --------
    >>> study = load("hivsn")
    >>> len(study.data), study.spec.group_column
    (197, 'painful_sn')
    """
    from ..data.validate import load_study
    from ..spec import load_spec

    ct = ct_path(name)
    if ct is not None:
        from ..qpcr.join import load_with_qpcr

        return load_with_qpcr(data_path(name), spec_path(name), ct)[0]
    spec = load_spec(spec_path(name))
    return load_study(data_path(name), spec)
