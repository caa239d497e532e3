"""`biocorr report RESULTS_DIR`: the report drawn again from results.json, never recomputed."""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from biocorr.cli import main
from biocorr.datasets import data_path, load, spec_path
from biocorr.report.rerender import results_from_record


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_record_gives_back_the_computed_tables(tmp_path, hivsn_results):
    assert main(["analyze", "--example", "hivsn", "--out", str(tmp_path / "r"), "--quiet", "--no-report"]) == 0
    record = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))
    original = hivsn_results
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


def test_report_reads_the_inputs_analyze_recorded_after_qpcr_quiet_and_spec_equals(tmp_path, capsys):
    """0.2 parsed the old command line by hand: --qpcr, --quiet before DATA and --spec=x were lost."""
    from biocorr.datasets import example_path

    folder = example_path("qpcr_demo")
    spec = tmp_path / "study spec.toml"  # a space, and given as --spec=...
    spec.write_text((folder / "spec.toml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "fm"
    args = [
        "analyze",
        "--quiet",
        f"--spec={spec}",
        str(folder / "clinical.csv"),
        "--qpcr",
        str(folder / "ct_export.csv"),
    ]
    assert main([*args, "--out", str(out), "--scatter-files", "no"]) == 0
    record = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert record["input"]["paths"] == {
        "example": None,
        "data": str((folder / "clinical.csv").resolve()),
        "spec": str(spec.resolve()),
        "sheet": None,
        "qpcr": str((folder / "ct_export.csv").resolve()),
    }
    before = _sha(out / "correlations.csv")
    assert main(["report", str(out), "--primary", "pearson"]) == 0
    assert "primary method pearson" in capsys.readouterr().out
    assert _sha(out / "correlations.csv") == before
    assert '<h2 id="qpcr">qPCR</h2>' in (out / "report.html").read_text(encoding="utf-8")  # the Ct export read again


def test_an_edited_record_is_refused_not_recertified(tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report"]) == 0
    path = out / "results.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["tables"]["correlations"][0]["estimate"] = 5.0
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    manifest_before = (out / "biocorr-manifest.json").read_bytes()
    assert main(["report", str(out)]) == 2
    assert "was changed after biocorr wrote it" in capsys.readouterr().err
    assert (out / "biocorr-manifest.json").read_bytes() == manifest_before
    assert not (out / "report.html").exists()


def test_no_write_follows_a_symlink_out_of_the_folder(tmp_path):
    out = tmp_path / "r"
    assert main(["analyze", "--example", "hivsn", "--out", str(out), "--quiet", "--no-report"]) == 0
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    (out / "report.html").symlink_to(outside)
    (out / "biocorr-manifest.json").rename(tmp_path / "manifest.json")
    (out / "biocorr-manifest.json").symlink_to(tmp_path / "manifest.json")
    assert main(["report", str(out), "--quiet"]) == 0
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (out / "report.html").is_symlink() and not (out / "biocorr-manifest.json").is_symlink()
