"""What every command shares: exit codes, the console, plain messages and the one study loader.

:class:`StudyInputs` names what an analysis read (an example, or a data file with its spec, its
sheet and a Ct export); :func:`load_inputs` is the one loader every command uses, so ``analyze``,
``validate``, ``check --data`` and ``report`` read a study the same way, and ``results.json``
records the inputs so ``biocorr report`` can load them again without parsing a command line.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from .. import datasets
from ..errors import BiocorrError

EXIT_OK, EXIT_INCONSISTENT, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def make_console(stderr: bool = False):
    """A rich console that never reads markup in what is printed through :func:`plain`."""
    from rich.console import Console

    return Console(stderr=stderr, width=None if sys.stdout.isatty() else 120, highlight=False)


def error(message: str) -> None:
    """A message to stderr exactly as written: no markup, no wrapping (tests and scripts read it)."""
    print(message, file=sys.stderr, flush=True)


def plain(text: object):
    """Text that rich prints as it is (user-supplied names may hold brackets)."""
    from rich.text import Text

    return Text(str(text))


def names(text: str | None) -> list[str]:
    """'a, b,,c' -> ['a', 'b', 'c']."""
    return [t.strip() for t in (text or "").split(",") if t.strip()]


@dataclass(frozen=True)
class StudyInputs:
    """What a study is read from: an embedded ``example``, or ``data`` with its ``spec`` (and
    ``sheet``, and a Ct export ``qpcr`` to join). Paths are absolute once :meth:`resolved`."""

    example: str | None = None
    data: str | None = None
    spec: str | None = None
    sheet: str | None = None
    qpcr: str | None = None

    @classmethod
    def from_args(cls, args) -> StudyInputs:
        """The inputs named on a command line (``--example``, or DATA ``--spec`` ``--sheet`` ``--qpcr``)."""
        inputs = cls(
            example=getattr(args, "example", None),
            data=getattr(args, "data", None),
            spec=getattr(args, "spec", None),
            sheet=getattr(args, "sheet", None),
            qpcr=getattr(args, "qpcr", None),
        )
        if inputs.example and inputs.spec:  # (biocorr report's --spec with --example is read by cli/report.py)
            raise BiocorrError("give either --example NAME or DATA --spec SPEC.toml, not both.")
        inputs.check()
        return inputs

    @classmethod
    def from_record(cls, stored: Any) -> StudyInputs | None:
        """The inputs ``results.json`` recorded (None for a record written before they were)."""
        if not isinstance(stored, dict):
            return None
        known = {k: v for k, v in stored.items() if k in cls.__dataclass_fields__ and (v is None or isinstance(v, str))}
        return cls(**known) if known else None

    def check(self) -> None:
        """Refuse a combination that names no study, or two."""
        if self.example:
            if self.data:
                raise BiocorrError("give either --example NAME or DATA --spec SPEC.toml, not both.")
            return
        if not self.data:
            raise BiocorrError("name a data file (DATA --spec SPEC.toml) or an example (--example hivsn).")
        if not self.spec:
            raise BiocorrError(
                f"--spec SPEC.toml is required with a data file; "
                f"'biocorr init-spec {self.data}' prints a draft to start from."
            )

    def resolved(self) -> StudyInputs:
        """The same inputs with absolute paths (what ``results.json`` stores)."""

        def absolute(p: str | None) -> str | None:
            return None if p is None else str(Path(p).resolve())

        return replace(self, data=absolute(self.data), spec=absolute(self.spec), qpcr=absolute(self.qpcr))

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


def load_inputs(inputs: StudyInputs) -> tuple[Any, Any]:
    """(Study, QpcrResult or None): the one way every command reads a study.

    An example with a Ct export is joined as ``analyze --qpcr`` would; a ``spec`` given with an
    example replaces the example's own (new labels for ``biocorr report``).
    """
    from ..data.validate import load_study
    from ..qpcr.join import load_with_qpcr
    from ..spec import load_spec

    inputs.check()
    if inputs.example:
        spec = inputs.spec or datasets.spec_path(inputs.example)
        ct = datasets.ct_path(inputs.example)
        data = datasets.data_path(inputs.example)
        if ct is not None:
            return load_with_qpcr(data, spec, ct)
        return load_study(data, load_spec(spec)), None
    assert inputs.data is not None and inputs.spec is not None  # check() refused anything else
    if inputs.qpcr:
        return load_with_qpcr(inputs.data, inputs.spec, inputs.qpcr, sheet=inputs.sheet)
    return load_study(inputs.data, load_spec(inputs.spec), inputs.sheet), None


def analysis_options(args) -> dict[str, Any]:
    """The analysis options given on the command line (None: the spec's)."""
    return dict(
        methods=names(getattr(args, "methods", None)) or None,
        adjust=getattr(args, "adjust", None),
        seed=getattr(args, "seed", None),
        permutations=getattr(args, "permutations", None),
        confidence=getattr(args, "confidence", None),
        bootstrap=getattr(args, "bootstrap", None),
        alternative=getattr(args, "alternative", None),
        subsets=names(getattr(args, "subsets", None)) or None,
        primary=getattr(args, "primary", None),
    )


def data_arguments(parser) -> None:
    """DATA, --spec, --sheet and --example: how a command names a study."""
    parser.add_argument("data", nargs="?", help="per-subject table (.csv, .tsv, .txt or .xlsx)")
    parser.add_argument("--spec", help="study spec (TOML)")
    parser.add_argument("--sheet", help="XLSX sheet name (default: the spec's, else the first)")
    parser.add_argument("--example", choices=datasets.NAMES, help="use an embedded example dataset")
