"""Output folders are all-or-nothing: reruns replace, foreign folders are refused, interrupts leave the old output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from biocorr.cli import main
from biocorr.cli.output_dir import MANIFEST, OutputFolderError, atomic_output, read_manifest


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_rerun_replaces_the_whole_folder_and_keeps_a_manifest(tmp_path, capsys):
    out = tmp_path / "res"
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet"]) == 0
    (out / "figures" / "stale_figure.png").write_bytes(b"old")
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report"]) == 0
    files = _files(out)
    assert "report.html" not in files and not any(f.startswith("figures/") for f in files)
    manifest = read_manifest(out)
    assert manifest["kind"] == "analyze"
    listed = {f["path"] for f in manifest["files"]}
    assert listed == set(files) - {MANIFEST}
    corr = next(f for f in manifest["files"] if f["path"] == "correlations.csv")
    assert corr["bytes"] == (out / "correlations.csv").stat().st_size
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".res")]  # no partial folder or lock left


def test_a_foreign_folder_is_refused_unless_overwrite(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report"]) == 2
    err = capsys.readouterr().err
    assert "did not write" in err and "--overwrite" in err
    assert _files(out) == ["thesis.docx"]
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report", "--overwrite"]) == 0
    assert "thesis.docx" not in _files(out)


def test_check_does_not_replace_an_analysis_folder(tmp_path, capsys):
    out = tmp_path / "res"
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report"]) == 0
    claims = tmp_path / "claims.csv"
    claims.write_text("id,x,y,method,n,r,p\na,TNF,VAS,pearson,14,.55,.04\n")
    assert main(["check", str(claims), "--out", str(out), "--quiet"]) == 2
    assert "biocorr analyze" in capsys.readouterr().err
    assert (out / "correlations.csv").exists() and not (out / "verdicts.csv").exists()


def test_an_error_inside_the_block_leaves_the_previous_output(tmp_path):
    out = tmp_path / "o"
    with atomic_output(out, "analyze") as tmp:
        (tmp / "a.csv").write_text("1")
    with pytest.raises(RuntimeError), atomic_output(out, "analyze") as tmp:
        (tmp / "a.csv").write_text("2")
        raise RuntimeError("disk full halfway")
    assert (out / "a.csv").read_text() == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


def test_a_second_run_cannot_write_while_the_first_holds_the_lock(tmp_path):
    out = tmp_path / "o"
    with (
        atomic_output(out, "analyze"),
        pytest.raises(OutputFolderError, match="another biocorr run"),
        atomic_output(out, "analyze"),
    ):
        pass


def test_a_stale_lock_from_a_killed_run_is_taken_over(tmp_path):
    out = tmp_path / "o"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / ".o.biocorr-lock").write_text(dead.stdout.strip())
    with atomic_output(out, "analyze") as tmp:
        (tmp / "x").write_text("ok")
    assert (out / "x").read_text() == "ok"


@pytest.mark.slow
@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_a_signal_mid_run_exits_cleanly_and_leaves_the_previous_output(tmp_path, sig):
    """Interrupt a real run while it draws figures: exit 130, one line, previous output intact, no workers left."""
    import signal

    out = tmp_path / "res"
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report"]) == 0
    before = {f: (out / f).read_bytes() for f in _files(out)}
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "biocorr.cli", "analyze", "--example", "opt", "--out", str(out), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not list(tmp_path.glob(".res.partial-*/figures/*.svg")):
        time.sleep(0.1)
    assert list(tmp_path.glob(".res.partial-*")), "the run never started writing"
    os.killpg(proc.pid, getattr(signal, sig)) if sig == "SIGINT" else proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err.decode()
    assert err.decode().strip().count("\n") == 0  # one line
    assert {f: (out / f).read_bytes() for f in _files(out)} == before
    time.sleep(0.5)
    assert not list(tmp_path.glob(".res.*")), "partial folder or lock left behind"
    leftover = subprocess.run(["pgrep", "-f", f"--out {out}"], capture_output=True, text=True).stdout.split()
    assert not leftover, f"worker processes left: {leftover}"


def test_manifest_lists_sha256_of_each_file(tmp_path):
    with atomic_output(tmp_path / "o", "qpcr", command_line=["biocorr", "qpcr"]) as tmp:
        (tmp / "t.csv").write_text("a\n")
    record = json.loads((tmp_path / "o" / MANIFEST).read_text())
    assert record["files"] == [
        {"path": "t.csv", "bytes": 2, "sha256": "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7"}
    ]
    assert record["command_line"] == ["biocorr", "qpcr"]


@pytest.fixture
def small_disk(tmp_path):
    """A 600 KB tmpfs (root only); skipped where mounting is not allowed."""
    import shutil

    mount_point = tmp_path / "small"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount_point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True)


def test_a_full_disk_leaves_the_previous_output_and_names_the_folder(small_disk, capsys):
    out = small_disk / "res"
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report"]) == 0
    before = {f: (out / f).read_bytes() for f in _files(out)}
    status = main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet"])  # figures do not fit
    err = capsys.readouterr().err
    assert status == 2 and "No space left on device" in err and "Traceback" not in err
    assert str(small_disk) in err
    assert {f: (out / f).read_bytes() for f in _files(out)} == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["res"]  # no partial folder, no lock


def test_overwrite_never_replaces_the_current_folder_or_one_holding_the_inputs(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    study = tmp_path / "study"
    assert main(["example", "hivsn", "--to", str(study), "--quiet"]) == 0
    data, spec = str(study / "data_all.csv"), str(study / "spec.toml")
    assert main(["analyze", data, "--spec", spec, "--out", ".", "--overwrite", "--quiet", "--no-report"]) == 2
    assert "current folder" in capsys.readouterr().err
    assert main(["analyze", data, "--spec", spec, "--out", str(study), "--overwrite", "--quiet", "--no-report"]) == 2
    assert "holds the input file" in capsys.readouterr().err
    assert sorted(p.name for p in study.iterdir()) == ["LICENSE.md", "SOURCE.md", "data_all.csv", "spec.toml"]


def test_example_never_writes_through_a_link_in_or_as_its_folder(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "spec.toml").symlink_to(outside / "spec.toml")  # a dangling link where the example writes
    assert main(["example", "hivsn", "--to", str(folder), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"'{folder / 'spec.toml'}' already exists (a link to '{outside / 'spec.toml'}')" in err
    assert list(outside.iterdir()) == [] and [p.name for p in folder.iterdir()] == ["spec.toml"]
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "missing")  # --to names a link to nothing
    assert main(["example", "hivsn", "--to", str(link), "--quiet"]) == 2
    assert "which does not exist; choose another --to" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()
