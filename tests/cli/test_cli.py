"""The command line: outputs, exit statuses and messages a user can act on."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import numpy as np
import pandas as pd
import pytest

from biocorr import columns
from biocorr.cli import main
from biocorr.datasets import data_path
from biocorr.errors import SpecError
from biocorr.spec import parse_spec

SPEC = """
[data]
id = "id"
[[biomarker]]
column = "TNF"
[[score]]
column = "VAS"
range = [0, 100]
"""


def test_analyze_example_writes_every_table(tmp_path, capsys):
    assert main(["analyze", "--example", "hivsn", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Strongest correlations" in out and "197 rows read" in out
    for name, cols in columns.TABLES.items():
        assert list(pd.read_csv(tmp_path / name).columns) == list(cols), name
    record = json.loads((tmp_path / "results.json").read_text())
    assert record["input"]["sha256"] == "a1c02a987f8378e58b64fcdccf739132c569fb18dda5c4450e46521e98ce97e5"
    assert record["seed"] == 20171 and record["versions"]["scipy"]
    assert record["command_line"][:2] == ["biocorr", "analyze"]
    assert set(record["tables"]) == {"correlations", "group_comparisons", "descriptives", "exclusions", "matrices"}
    # the CSV holds the computed values exactly
    corr = pd.read_csv(tmp_path / "correlations.csv")
    first = record["tables"]["correlations"][0]
    assert corr["p"].iloc[0] == first["p"]


def test_analyze_with_overrides_and_permutations(tmp_path, capsys):
    code = main(
        [
            "analyze",
            "--example",
            "hivsn",
            "--out",
            str(tmp_path),
            "--methods",
            "spearman",
            "--adjust",
            "bh",
            "--permutations",
            "99",
            "--quiet",
        ]
    )
    assert code == 0 and capsys.readouterr().out == ""
    corr = pd.read_csv(tmp_path / "correlations.csv")
    classic = corr[corr["method"].isin(["pearson", "spearman", "kendall"])]
    assert set(classic["method"]) == {"spearman"} and set(corr["adjust_method"]) == {"bh"}
    assert classic["p_permutation"].notna().sum() == classic["p"].notna().sum()
    assert corr.loc[~corr.index.isin(classic.index), "p_permutation"].isna().all()


def test_analyze_with_bootstrap_draws_figures_meanwhile_and_reports_the_intervals(tmp_path):
    code = main(
        [
            "analyze",
            "--example",
            "hivsn",
            "--out",
            str(tmp_path),
            "--bootstrap",
            "99",
            "--scatter-files",
            "no",
            "--png",
            "--quiet",
        ]
    )
    assert code == 0
    corr = pd.read_csv(tmp_path / "correlations.csv")
    pearson = corr[(corr.method == "pearson") & corr.estimate.notna()]
    assert len(pearson) >= 10 and (pearson.n_bootstrap == 99).all() and pearson.boot_ci_low.notna().all()
    assert "BCa 95% CI" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "figures").glob("panel_*.png")] == ["panel_current_cd4.png"]


@pytest.mark.parametrize(
    "data, spec, fragment",
    [
        ("id,TNF,VAS\n1,2,30\n2,abc,40\n3,4,130\n4,5,60\n", SPEC, None),
        ("id,TNF,VAS\n1,2,30\n1,3,40\n", SPEC, "only 0 usable row"),
        ("id,TNF,VAZ\n1,2,30\n2,3,40\n3,4,50\n", SPEC, "Did you mean 'VAZ'?"),
        ("", SPEC, "the file is empty"),
        ("id,TNF,VAS\n1,2,30\n", SPEC, "only 1 usable row"),
        ("id,TNF,VAS\n1,2,30\n2,2,40\n3,2,50\n", SPEC, "'TNF' is constant"),
        ("id,TNF,VAS\n1,2,30\n2,3,40\n3,4,50\n", SPEC.replace("[[score]]", "[[scor]]"), "unknown key 'scor'"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, capsys, data, spec, fragment):
    (tmp_path / "d.csv").write_text(data)
    (tmp_path / "s.toml").write_text(spec)
    code = main(
        [
            "analyze",
            str(tmp_path / "d.csv"),
            "--spec",
            str(tmp_path / "s.toml"),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ]
    )
    err = capsys.readouterr().err
    if fragment is None:  # bad cells are reported, not fatal
        assert code == 0
        ex = pd.read_csv(tmp_path / "out" / "exclusions.csv")
        assert ex["reason"].tolist() == ["not-a-number", "out-of-range"]
    else:
        assert code == 2, err
        assert fragment in err and "Traceback" not in err


def test_missing_arguments_are_explained(capsys, tmp_path):
    assert main(["analyze", "--out", str(tmp_path)]) == 2
    assert "name a data file" in capsys.readouterr().err
    assert main(["analyze", str(data_path("hivsn")), "--out", str(tmp_path)]) == 2
    assert "init-spec" in capsys.readouterr().err


def test_validate_lists_exclusions(tmp_path, capsys):
    (tmp_path / "d.csv").write_text("id,TNF,VAS\n1,2,30\n2,abc,40\n3,4,50\n4,5,60\n")
    (tmp_path / "s.toml").write_text(SPEC)
    assert main(["validate", str(tmp_path / "d.csv"), "--spec", str(tmp_path / "s.toml")]) == 0
    assert "column 'TNF' row 3: 'abc' is not a number" in capsys.readouterr().out


def test_init_spec_drafts_a_usable_spec(capsys):
    assert main(["init-spec", str(data_path("opt"))]) == 0
    text = capsys.readouterr().out
    spec = parse_spec(tomllib.loads(text))
    assert spec.id_column == "PID" and spec.group_column in {"Group", "Clinic"}
    assert "OTNF1" in [v.column for v in spec.biomarkers + spec.scores]


def test_console_script_exit_status():
    proc = subprocess.run(
        [sys.executable, "-m", "biocorr.cli", "analyze", "--example", "nope"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


def test_init_spec_keeps_binary_columns_that_are_not_the_group(tmp_path, capsys):
    rows = ["id,group,diabetes,TNF,VAS"] + [
        f"{i},{'P' if i % 2 else 'C'},{i % 2},{i * i / 2},{i * 3}" for i in range(1, 11)
    ]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    assert main(["init-spec", str(tmp_path / "d.csv")]) == 0
    draft = capsys.readouterr().out
    spec = parse_spec(tomllib.loads(draft))
    assert spec.group_column == "group"
    assert '# column = "diabetes"' in draft  # kept: offered (no evidence of a role), not dropped


def test_init_spec_without_numbers_says_what_the_spec_still_needs(tmp_path, capsys):
    (tmp_path / "d.csv").write_text("id,TNF,VAS\n")
    assert main(["init-spec", str(tmp_path / "d.csv")]) == 0
    draft = capsys.readouterr().out
    assert "No column holds numbers" in draft and "# [[biomarker]]" in draft
    with pytest.raises(SpecError, match="biomarker"):  # the draft is not silently usable
        parse_spec(tomllib.loads(draft))


def test_init_spec_says_at_once_when_its_draft_cannot_run(tmp_path, capsys):
    """A real file (amitriptyline trial, ResponderAnalysis: one biomarker, CD4, and yes/no answers)
    got a draft without any score that 'analyze' then refused; init-spec says so when it drafts,
    and a draft that runs gets no note."""
    rows = ["ID,Responder,Age,CD4,Burning"] + [
        f"E{i:03d},{'Yes' if i % 2 else 'No'},{30 + i},{200 + 13 * i},{'Yes' if i % 3 else 'No'}" for i in range(1, 13)
    ]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    assert main(["init-spec", str(tmp_path / "d.csv")]) == 0
    err = capsys.readouterr().err
    assert err.startswith("note: this draft will not run as it is. The draft: declare at least one [[score]]")
    assert main(["init-spec", str(data_path("opt"))]) == 0
    assert capsys.readouterr().err == ""


def test_help_and_version_do_not_load_the_numerical_stack():
    """--help and --version answer at once: importing the CLI loads no numpy, pandas or matplotlib."""
    import subprocess
    import sys
    import time

    heavy = "('numpy', 'pandas', 'matplotlib', 'scipy')"
    code = f"import sys, biocorr.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "biocorr.cli", "--version"], capture_output=True, check=True)
    assert time.perf_counter() - t0 < 2.0  # measured 0.09 s; generous for a loaded CI machine


def test_python_dash_m_runs_the_same_command_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "biocorr", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("biocorr ")


def test_init_spec_on_a_long_file_proposes_id_and_visit_and_the_draft_runs(tmp_path, capsys):
    rng = np.random.default_rng(4)
    rows = ["PID,Time,Arm,IL6,VAS"]
    for i in range(8):
        for t in ("baseline", "week 6"):
            rows.append(f"P{i},{t},{'A' if i < 4 else 'B'},{rng.lognormal():.3f},{rng.uniform(0, 100):.1f}")
    rows[4] = rows[4].replace("week 6", "")  # one row without a visit: excluded with its reason, not a blocker
    (tmp_path / "long.csv").write_text("\n".join(rows) + "\n")
    assert main(["init-spec", str(tmp_path / "long.csv")]) == 0
    draft = capsys.readouterr().out
    spec = parse_spec(tomllib.loads(draft))
    assert (spec.id_column, spec.visit_column, spec.group_column) == ("PID", "Time", "Arm")
    assert "(baseline, week 6)" in draft
    (tmp_path / "spec.toml").write_text(draft)
    out = tmp_path / "out"
    assert (
        main(
            [
                "analyze",
                str(tmp_path / "long.csv"),
                "--spec",
                str(tmp_path / "spec.toml"),
                "--out",
                str(out),
                "--no-report",
                "--quiet",
            ]
        )
        == 0
    )
    table = pd.read_csv(out / "correlations.csv")
    assert {"Time = baseline", "Time = week 6", "all visits"} <= set(table["subset"])
    assert pd.read_csv(out / "exclusions.csv")["reason"].tolist() == ["missing-visit"]


def test_init_spec_proposes_a_999_code_as_missing_and_says_where_it_was_seen(tmp_path, capsys):
    rows = ["id,group,TNF,NRS"] + [f"{i},{'P' if i % 2 else 'C'},{i * 0.7:.1f},{i % 10}" for i in range(1, 13)]
    rows[5] = rows[5].rsplit(",", 1)[0] + ",999"
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    assert main(["init-spec", str(tmp_path / "d.csv")]) == 0
    draft = capsys.readouterr().out
    assert "missing = [999]    # guess: 999 lies far beyond the other values of 'NRS'" in draft
    assert parse_spec(tomllib.loads(draft)).missing == ("999",)


def test_subsets_and_primary_on_the_command_line(tmp_path, capsys):
    out = tmp_path / "o"
    args = ["analyze", "--example", "hivsn", "--out", str(out), "--no-report", "--quiet"]
    assert main([*args, "--subsets", "by-group", "--primary", "pearson"]) == 0
    table = pd.read_csv(out / "correlations.csv")
    assert set(table["subset"]) == {"Painful HIV-SN", "Non-painful HIV-SN"}  # no pooled rows
    record = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert record["spec"]["analysis"]["primary"] == "pearson"
    assert main([*args, "--overwrite", "--primary", "kendal"]) == 2
    assert "[analysis] primary: 'kendal' is not one of the methods computed" in capsys.readouterr().err
