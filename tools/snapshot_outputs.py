"""Run every command of the README (and every embedded example) and compare the files they write.

A restructuring must not change what users get. This script runs the README's ``sh`` block
(``<!-- wheel-check: sh -->``) line by line with the ``biocorr`` on PATH, plus ``analyze
--example NAME`` for every embedded example, in a fresh folder, then compares the text files they
wrote with another such folder.

Usage::

    python tools/snapshot_outputs.py run OLD       # with the old version installed
    python tools/snapshot_outputs.py run NEW       # with this version
    python tools/snapshot_outputs.py compare OLD NEW

Compared byte for byte: every ``.csv``, ``.toml``, ``.txt`` and ``.md`` file and the standard
output of each command. ``.json`` files are compared after removing what changes from run to
run (times, versions, paths, the command line, hashes of files that embed those); ``.html``
after removing its timestamp and run time. Binary files (PNG, XLSX, DOCX) and SVG figures are
listed, not compared (their writers embed dates). Exit status 0 when everything compares equal.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_wheel import readme_block

EXAMPLES = ("hivsn", "opt")
TEXT = {".csv", ".toml", ".txt", ".md", ".tsv"}
VOLATILE_KEYS = {"created", "timestamp", "elapsed_seconds", "versions", "command_line", "python", "platform", "paths"}
VOLATILE_HTML = [
    re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?([+-]\d{2}:?\d{2}|Z| UTC)?"),
    re.compile(r"biocorr \d+\.\d+\.\d+[\w.+-]*"),
    re.compile(r"\d+(\.\d+)? s\b"),
    re.compile(r'"data:[^"]*"'),  # embedded figures carry their drawing date
    re.compile(r"[\w/.-]*/snap-[\w/.-]*"),
]


def _run(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=False)
    lines = [line.split(" #", 1)[0].strip() for line in readme_block("wheel-check: sh", "sh").splitlines()]
    lines = [line for line in lines if line]
    lines += [f"biocorr analyze --example {name} --out example-{name} --no-report --quiet" for name in EXAMPLES]
    env = dict(os.environ, COLUMNS="100", NO_COLOR="1")
    log = []
    for i, command in enumerate(lines):
        done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True)
        log.append(f"$ {command}\nexit {done.returncode}\n{done.stdout}")
        (folder / f"stdout-{i:02d}.txt").write_text(done.stdout, encoding="utf-8")
        print(f"exit {done.returncode}  {command}")


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if isinstance(value, str) and ("/" in value and ("snap" in value or "/tmp" in value)):
        return Path(value).name
    return value


def _normalised(path: Path) -> str | None:
    if path.suffix in TEXT:
        return path.read_text(encoding="utf-8", errors="replace")
    if path.name == "biocorr-manifest.json":
        return None  # hashes of files that embed times
    if path.suffix == ".json":
        return json.dumps(_strip(json.loads(path.read_text(encoding="utf-8"))), sort_keys=True, indent=1)
    if path.suffix == ".html":
        text = path.read_text(encoding="utf-8")
        for pattern in VOLATILE_HTML:
            text = pattern.sub("…", text)
        return text
    return None


def _compare(old: Path, new: Path) -> int:
    old_files = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    problems = 0
    for rel in sorted(old_files ^ new_files):
        print(f"only in {'old' if rel in old_files else 'new'}: {rel}")
        problems += 1
    compared = 0
    for rel in sorted(old_files & new_files):
        a, b = _normalised(old / rel), _normalised(new / rel)
        if a is None:
            continue
        compared += 1
        if a != b:
            problems += 1
            first = next(
                (i for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())) if x != y), min(len(a), len(b))
            )
            print(f"differs: {rel} (line {first + 1})")
    print(f"{compared} files compared, {problems} difference(s)")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "run":
        _run(Path(argv[1]).resolve())
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return _compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
