"""Shared pytest fixtures (plain helpers live in tests/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
