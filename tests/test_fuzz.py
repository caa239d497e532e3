"""A fuzz sweep of every command: damaged and hostile versions of the embedded examples' files.

Each case takes a real input (the hivsn data and spec, the qPCR demo's Ct export and spec, the
claims file and passage), damages it in one to three seeded ways (truncation, flipped bytes, a
hostile cell, a repeated row, a lost header cell, a spec value of the wrong type, a shuffled line)
and runs one command on it in process (report: re-rendering an analysis with the damaged data).
A command may succeed, find problems (exit 1) or refuse the input (exit 2 with a message); a
traceback, or an exit 2 without a message, fails the test.

Run more cases with ``BIOCORR_FUZZ_CASES=500 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from biocorr.cli.main import main
from biocorr.datasets import example_path

pytestmark = pytest.mark.slow

CASES = int(os.environ.get("BIOCORR_FUZZ_CASES", "24"))
HOSTILE_CELLS = [
    "", " ", "NA", "-999", "999", "1e999", "-inf", "<0.1", ">50", "n.d.", "1,234", "1.234,5", "=1+2", "@SUM(A1)",
    "\x00", "\x0c", "\u200b5", "5\u00a0000", "\ufeff", '"', '""', "'", "\t", "#DIV/0!", "2024-01-31", "45%",
    "x" * 5000, "१२", "٣", "1e-400", "0x1F", "NaN", "None", "TRUE", "−3", "3–5", "[1]", "{}", "\\", "\r",
]  # fmt: skip


def _mutate_text(text: str, rng: random.Random) -> str:
    """One seeded damage of a delimited text file or a TOML/markdown file."""
    lines = text.splitlines(keepends=True)
    kind = rng.randrange(8)
    if kind == 0:  # truncated anywhere
        return text[: rng.randrange(len(text) + 1)]
    if kind == 1:  # a few bytes replaced by hostile characters
        chars = list(text)
        for _ in range(rng.randrange(1, 6)):
            chars[rng.randrange(len(chars))] = rng.choice(['"', ",", ";", "\t", "\n", "\x00", "=", "[", "]", "é"])
        return "".join(chars)
    if kind == 2 and len(lines) > 1:  # one cell of one row replaced
        i = rng.randrange(1, len(lines))
        cells = lines[i].rstrip("\r\n").split(",")
        cells[rng.randrange(len(cells))] = rng.choice(HOSTILE_CELLS)
        lines[i] = ",".join(cells) + "\n"
        return "".join(lines)
    if kind == 3 and len(lines) > 1:  # a row repeated
        i = rng.randrange(len(lines))
        return "".join(lines[: i + 1] + [lines[i]] + lines[i + 1 :])
    if kind == 4 and lines:  # a header (or first line) cell lost
        cells = lines[0].rstrip("\r\n").split(",")
        del cells[rng.randrange(len(cells))]
        return ",".join(cells) + "\n" + "".join(lines[1:])
    if kind == 5 and len(lines) > 2:  # two lines swapped (header moved into the body)
        i, j = rng.sample(range(len(lines)), 2)
        lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    if kind == 6:  # a value of the wrong type (TOML: a number where a string goes, a list, a table)
        return text.replace("= ", rng.choice(["= 1 #", "= [] #", "= {} #", '= "" #', "= -1 #"]), 1)
    return text.replace("\n", rng.choice(["\r", "\r\n", "\n\n", "\n,\n"]))  # line ends and blank rows


def _damaged(text: str, rng: random.Random) -> str:
    """One to three damages in a row."""
    for _ in range(rng.choice((1, 1, 2, 3))):
        text = _mutate_text(text, rng) if text else text
    return text


def _damaged_bytes(data: bytes, rng: random.Random) -> bytes:
    """A zip (XLSX, DOCX) truncated, or with bytes overwritten (its directory, or inside a part)."""
    if rng.random() < 0.3:
        return data[: rng.randrange(len(data))]
    out = bytearray(data)
    for _ in range(rng.randrange(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _as_workbook(text: str, path: Path) -> Path:
    """A damaged CSV's rows as a workbook: numbers stored as numbers, anything else as text."""
    import csv
    import io

    from openpyxl import Workbook

    wb = Workbook()
    for row in csv.reader(io.StringIO(text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n"))):
        cells = []
        for cell in row:
            try:
                cells.append(float(cell))
            except ValueError:
                cells.append("".join(ch for ch in cell if ch >= " " or ch in "\t\n"))  # what XML can hold
        wb.active.append(cells)
    wb.save(path)
    return path


def _office_files(tmp: Path, paths: dict[str, Path]) -> None:
    """The hivsn data as a workbook and the claims passage as a Word document."""
    import docx
    import pandas as pd

    paths["xlsx"] = tmp / "data.xlsx"
    pd.read_csv(paths["data"]).to_excel(paths["xlsx"], index=False)
    document = docx.Document()
    for paragraph in paths["passage"].read_text(encoding="utf-8").split("\n\n"):
        document.add_paragraph(paragraph)
    paths["docx"] = tmp / "passage.docx"
    document.save(str(paths["docx"]))


def _inputs(tmp: Path) -> dict[str, Path]:
    results = tmp / "analysed"
    assert main(["analyze", "--example", "hivsn", "--out", str(results), "--no-report", "--quiet"]) == 0
    paths = {
        "results": results,
        "data": example_path("hivsn") / "data_all.csv",
        "spec": example_path("hivsn") / "spec.toml",
        "ct": example_path("qpcr_demo") / "ct_export.csv",
        "qspec": example_path("qpcr_demo") / "spec.toml",
        "clinical": example_path("qpcr_demo") / "clinical.csv",
        "claims": example_path("claims") / "motivating_claims.csv",
        "passage": example_path("claims") / "example_passage.md",
    }
    _office_files(tmp, paths)
    return paths


# which input each command damages, and its command line ({x}: that input; {out}: a fresh folder)
COMMANDS = {
    "validate-data": ("data", ["validate", "{x}", "--spec", "{spec}"]),
    "validate-spec": ("spec", ["validate", "{data}", "--spec", "{x}"]),
    "analyze": ("data", ["analyze", "{x}", "--spec", "{spec}", "--out", "{out}", "--no-report", "--quiet"]),
    "init-spec": ("data", ["init-spec", "{x}"]),
    "check-claims": ("claims", ["check", "{x}", "--out", "{out}", "--quiet"]),
    "check-text": ("passage", ["check", "--text", "{x}", "--out", "{out}", "--quiet"]),
    "qpcr-ct": ("ct", ["qpcr", "{x}", "--spec", "{qspec}", "--out", "{out}", "--quiet"]),
    "qpcr-spec": ("qspec", ["qpcr", "{ct}", "--spec", "{x}", "--out", "{out}", "--quiet"]),
    "screen": ("data", ["screen", "{x}", "--phenotypes", "pain_intensity", "--out", "{out}", "--quiet"]),
    "analyze-xlsx": ("xlsx", ["analyze", "{x}", "--spec", "{spec}", "--out", "{out}", "--no-report", "--quiet"]),
    "analyze-xlsx-cells": ("xlsx", ["analyze", "{x}", "--spec", "{spec}", "--out", "{out}", "--no-report", "--quiet"]),
    "check-docx": ("docx", ["check", "--text", "{x}", "--out", "{out}", "--quiet"]),
    "report": ("data", ["report", "{results}", "--data", "{x}", "--spec", "{spec}", "--quiet"]),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_damaged_input_gives_a_traceback(command, tmp_path, capsys):
    which, argv = COMMANDS[command]
    paths = _inputs(tmp_path)
    rng = random.Random(f"{command}-20261206")
    failures = []
    for case in range(CASES):
        damaged = tmp_path / f"case{case}{paths[which].suffix}"
        if command == "analyze-xlsx-cells":  # hostile cells in a workbook (text and numbers as Excel stores them)
            damaged = _as_workbook(
                _damaged(paths["data"].read_text(encoding="utf-8"), rng), tmp_path / f"case{case}.xlsx"
            )
        elif paths[which].suffix in (".xlsx", ".docx"):
            damaged.write_bytes(_damaged_bytes(paths[which].read_bytes(), rng))
        else:
            damaged.write_bytes(
                _damaged(paths[which].read_text(encoding="utf-8"), rng).encode("utf-8", "surrogatepass")
            )
        fill = {k: str(v) for k, v in paths.items()} | {"x": str(damaged), "out": str(tmp_path / f"out{case}")}
        args = [a.format(**fill) for a in argv]
        try:
            status = main(args)
        except SystemExit as exc:  # argparse: exit 2 with its usage message
            status = exc.code
        except Exception as exc:
            failures.append(f"case {case} ({damaged.name}): {type(exc).__name__}: {exc}")
            continue
        err = capsys.readouterr().err
        if status not in (0, 1, 2) or (status == 2 and not err.strip()):
            failures.append(f"case {case}: exit {status} with stderr {err[:200]!r}")
    assert not failures, f"{len(failures)} of {CASES} damaged inputs failed:\n" + "\n".join(failures[:10])
