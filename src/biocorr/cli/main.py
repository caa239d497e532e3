"""Command-line interface: ``biocorr analyze | validate | check | qpcr | screen | report | init-spec | example``.

Parse, print, write: every computation is a call into the Python API, one module per command
(each with ``add_parser`` and ``run``). Problems with the input print one plain-text message and
exit with status 2; no traceback is shown for them. Heavy libraries are imported inside the
commands, so ``biocorr --help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import signal
import sys

from ..errors import BiocorrError
from . import analyze, check, example, init_spec, qpcr, report, screen, validate
from .common import EXIT_INPUT, EXIT_INTERRUPTED, error

COMMANDS = (analyze, validate, check, qpcr, screen, report, init_spec, example)  # in --help's order


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("biocorr")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="biocorr",
        description="Correlate biomarkers with clinical scores, honestly: CIs, exact p-values, "
        "explicit multiple-testing families, every exclusion reported.",
    )
    parser.add_argument("--version", action="version", version=f"biocorr {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``biocorr`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    previous = _terminate_as_interrupt()
    try:
        return args.func(args)
    except BiocorrError as exc:
        error(f"error: {exc}")
        return EXIT_INPUT
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        error(f"error: {exc.strerror or exc}{where}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        if argv is None:  # the process is the command line: a worker's echo of the Ctrl-C must not kill its exit
            _ignore_further_interrupts()
        error("interrupted: the output folder was left as it was before this run.")
        return EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _ignore_further_interrupts() -> None:
    """After the first interrupt is handled, later SIGINT/SIGTERM (the same Ctrl-C reaching the process
    again from its workers, under load) are ignored, so the run still exits 130 with one line (seen
    once in CI: the line was printed, then the process died of a second SIGINT, exit -2). Only when
    ``main`` runs as the program (argv from sys.argv): a caller in the same process keeps its handlers."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, signal.SIG_IGN)
        except ValueError:  # not the main thread
            return


def _terminate_as_interrupt():
    """SIGTERM ends a run as Ctrl-C does: workers stopped, partial output removed, exit 130."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (e.g. called from a test runner's thread)
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
