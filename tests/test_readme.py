"""The README says true things: its Python block runs as written, its command list matches the CLI,
and its column reference is the one in columns.py."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from biocorr import columns
from biocorr.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(marker: str, language: str) -> str:
    match = re.search(rf"<!-- {re.escape(marker)} -->\s*```{language}\n(.*?)```", README, re.S)
    assert match, f"no {language} block after <!-- {marker} -->"
    return match.group(1)


def test_the_readme_leads_with_the_two_commands():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make report", "make test"]


def test_the_python_block_runs_as_written(tmp_path):
    code = _block("readme-test: python", "python")
    (tmp_path / "block.py").write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, "block.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "exclusions" in done.stdout and "p vs r and n" in done.stdout


def test_every_readme_command_parses_with_the_cli():
    parser = build_parser()
    for line in _block("wheel-check: sh", "sh").splitlines():
        command = line.split(" #", 1)[0].split(">")[0].strip()
        if command:
            argv = shlex.split(command)
            assert argv[0] == "biocorr"
            parser.parse_args(argv[1:])  # exits (fails the test) on an unknown option


def test_the_output_column_reference_is_generated_from_columns_py():
    assert columns.markdown().strip() in README
