"""``biocorr screen``: every feature of a wide table against a few phenotypes.

:mod:`.inputs` (the wide inputs, read through :mod:`biocorr.data`), :mod:`.compute` (the
vectorised screen), :mod:`.permutations` (max-T), :mod:`.distributed` (Dask, beyond one
machine's memory) and :mod:`.page` (the HTML page).
"""

from __future__ import annotations

from .compute import screen

__all__ = ["screen"]
