"""Shared pytest fixtures (plain helpers live in tests/helpers.py)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import biocorr
from tests.helpers import FIXTURES, R_TOL, assert_close, read_fixture

__all__ = ["FIXTURES", "R_TOL", "assert_close", "read_fixture"]


@pytest.fixture
def write_text(tmp_path):
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def _write(name: str, content, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write


# The embedded examples' analyses, computed once per test session (hivsn ~0.7 s, opt ~2.5 s; they
# were computed 22 times). Tests get a deep copy each, so one that changes a table in place cannot
# change what the next one sees.
@pytest.fixture(scope="session")
def hivsn_analysis():
    """analyze(load("hivsn")), shared: do not change it; take ``hivsn_results`` for a private copy."""
    return biocorr.analyze(biocorr.datasets.load("hivsn"))


@pytest.fixture(scope="session")
def opt_analysis():
    """analyze(load("opt")), shared: do not change it; take ``opt_results`` for a private copy."""
    return biocorr.analyze(biocorr.datasets.load("opt"))


@pytest.fixture
def hivsn_results(hivsn_analysis):
    """A private deep copy of the hivsn example's default analysis."""
    return copy.deepcopy(hivsn_analysis)


@pytest.fixture
def opt_results(opt_analysis):
    """A private deep copy of the opt example's default analysis."""
    return copy.deepcopy(opt_analysis)
