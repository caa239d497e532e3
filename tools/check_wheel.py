"""Build biocorr's wheel, install it in an empty virtual environment and run the README's commands there.

The README marks the blocks to run: the ``sh`` block after ``<!-- wheel-check: sh -->`` is run
line by line in an empty working folder (each line must exit 0; a ``biocorr check`` line may
exit 1, which means "a claim is inconsistent"), and the ``python`` block after
``<!-- readme-test: python -->`` is run with the venv's Python. Nothing from the repository
is on the path: what the README runs must come from the wheel.

Usage: ``python tools/check_wheel.py`` (``make wheel-check``). Exit 0 when every command passed.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_block(marker: str, language: str) -> str:
    """The fenced block that follows ``<!-- marker -->`` in the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {re.escape(marker)} -->\s*```{language}\n(.*?)```", text, re.S)
    if match is None:
        sys.exit(f"README.md has no ```{language} block after <!-- {marker} -->")
    return match.group(1)


def run(cmd: list[str] | str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="biocorr-wheel-") as tmp_name:
        tmp = Path(tmp_name)
        started = time.time()
        built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(ROOT)])
        if built.returncode:
            print(built.stdout, built.stderr)
            return 1
        wheel = next((tmp / "dist").glob("biocorr-*.whl"))
        venv = tmp / "venv"
        run([sys.executable, "-m", "venv", str(venv)], check=True)
        py = venv / "bin" / "python"
        installed = run([str(py), "-m", "pip", "install", "-q", str(wheel)])
        if installed.returncode:
            print(installed.stdout, installed.stderr)
            return 1
        print(f"installed {wheel.name} in an empty venv ({time.time() - started:.0f} s)")
        work = tmp / "work"
        work.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        failures = 0
        for line in readme_block("wheel-check: sh", "sh").splitlines():
            command = line.split(" #", 1)[0].strip()
            if not command:
                continue
            t0 = time.time()
            done = run(["bash", "-c", command], cwd=work, env=env)
            allowed = {0, 1} if shlex.split(command)[:2] == ["biocorr", "check"] else {0}
            ok = done.returncode in allowed and "Traceback" not in done.stderr
            print(f"{'ok  ' if ok else 'FAIL'} {time.time() - t0:5.1f} s  exit {done.returncode}  {command}")
            if not ok:
                failures += 1
                print(done.stdout[-2000:], done.stderr[-2000:])
        code = readme_block("readme-test: python", "python")
        (work / "readme_block.py").write_text(code, encoding="utf-8")
        t0 = time.time()
        done = run([str(py), "readme_block.py"], cwd=work, env=env)
        ok = done.returncode == 0
        print(f"{'ok  ' if ok else 'FAIL'} {time.time() - t0:5.1f} s  the README's Python block")
        if not ok:
            failures += 1
            print(done.stdout[-2000:], done.stderr[-3000:])
        print(f"wheel check: {failures} failure(s)")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
