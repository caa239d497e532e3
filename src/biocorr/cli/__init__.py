"""The ``biocorr`` command: one module per command on :mod:`.common` (the study loader, the
console, exit codes); :mod:`.main` builds the parser and dispatches."""

from __future__ import annotations

from .main import main

__all__ = ["main"]
