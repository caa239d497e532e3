"""`biocorr report RESULTS_DIR`: the report drawn again from results.json, never recomputed."""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from biocorr import analyze
from biocorr.cli import main
from biocorr.datasets import data_path, load, spec_path
from biocorr.report.rerender import results_from_record


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_record_gives_back_the_computed_tables(tmp_path):
    assert main(["analyze", "--example", "hivsn", "--out", str(tmp_path / "r"), "--quiet", "--no-report"]) == 0
    record = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))
    original = analyze(load("hivsn"))
    rebuilt = results_from_record(record, load("hivsn"))
    pd.testing.assert_frame_equal(rebuilt.correlations, original.correlations, check_dtype=False)
    pd.testing.assert_frame_equal(rebuilt.group_comparisons, original.group_comparisons, check_dtype=False)
    pd.testing.assert_frame_equal(rebuilt.warnings, original.warnings, check_dtype=False)


def test_new_labels_and_primary_method_without_recomputation(tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--scatter-files", "no"]) == 0
    before = _sha(out / "correlations.csv")
    spec = spec_path("hivsn").read_text(encoding="utf-8").replace('label = "CD4 count"', 'label = "CD4+ T cells"')
    (tmp_path / "spec.toml").write_text(spec, encoding="utf-8")
    args = ["report", str(out), "--data", str(data_path("hivsn")), "--spec", str(tmp_path / "spec.toml")]
    assert main([*args, "--primary", "pearson"]) == 0
    assert "primary method pearson" in capsys.readouterr().out
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "CD4+ T cells" in page and "Results in APA style (Pearson" in page
    assert _sha(out / "correlations.csv") == before  # the tables were not recomputed
    manifest = json.loads((out / "biocorr-manifest.json").read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["path"] == "report.html")
    assert entry["sha256"] == _sha(out / "report.html")
    assert main(["report", str(out), "--quiet"]) == 0  # the analysis' own command line finds the data


def test_a_different_file_or_a_changed_analysis_is_refused(tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report"]) == 0
    changed = data_path("hivsn").read_text(encoding="utf-8").replace("343", "344", 1)
    (tmp_path / "data.csv").write_text(changed, encoding="utf-8")
    assert main(["report", str(out), "--data", str(tmp_path / "data.csv"), "--spec", str(spec_path("hivsn"))]) == 2
    assert "is not the file these results were computed from" in capsys.readouterr().err
    spec = (
        spec_path("hivsn")
        .read_text(encoding="utf-8")
        .replace('[[covariate]]\ncolumn = "age"', '[[score]]\ncolumn = "age"')
    )
    (tmp_path / "spec.toml").write_text(spec, encoding="utf-8")
    assert main(["report", str(out), "--example", "hivsn", "--spec", str(tmp_path / "spec.toml")]) == 2
    assert "variables or roles differ" in capsys.readouterr().err
    assert main(["report", str(out), "--example", "hivsn", "--primary", "percbend"]) == 2
    assert main(["report", str(tmp_path), "--example", "hivsn"]) == 2  # no results.json there
