"""The report's cost: `biocorr analyze` with its report against `--no-report` (issues #13, #26).

Three inputs: the embedded `opt` example, and two case-control panels of the shapes the design
issue measured (simulated, seeded; specs drafted by `biocorr init-spec --biomarkers/--scores`):
60 subjects (40 patients, 20 controls) x 22 cytokines x 4 scores, and 160 subjects (100 + 60)
x 24 biomarkers x 7 scores. Both commands run as a user runs them (a fresh process each, so imports
count), alternating, three times each in the same run; the best of each and their ratio are printed.
Run with ``python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

SCORES_4 = [("VAS", 100), ("HADS_A", 21), ("HADS_D", 21), ("FIQR", 100)]
SCORES_7 = [*SCORES_4, ("PSQI", 21), ("FSS", 63), ("PCS", 52)]


def case_control_panel(folder: Path, name: str, patients: int, controls: int, biomarkers: int, scores, seed: int):
    """A simulated panel (skewed biomarkers, bounded integer scores, a shared latent) and its spec."""
    rng = np.random.default_rng(seed)
    n = patients + controls
    latent = rng.normal(size=n) + np.r_[np.ones(patients), np.zeros(controls)]
    table = {"id": [f"P{i:03d}" for i in range(n)], "group": ["patient"] * patients + ["control"] * controls}
    for j in range(biomarkers):
        table[f"cyt{j + 1}"] = np.round(np.exp(0.3 * latent + rng.normal(size=n)), 3)
    for score, top in scores:
        table[score] = np.clip(np.round(top / 2 + top / 6 * (0.5 * latent + rng.normal(size=n))), 0, top)
    data = folder / f"{name}.csv"
    pd.DataFrame(table).to_csv(data, index=False)
    spec = subprocess.run(
        [sys.executable, "-m", "biocorr.cli", "init-spec", str(data), "--biomarkers", "cyt*",
         "--scores", ",".join(s for s, _ in scores)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    (folder / f"{name}.toml").write_text(spec)
    return ["analyze", str(data), "--spec", str(folder / f"{name}.toml")]


def command_seconds(args: list[str], *extra: str) -> tuple[float, int]:
    """Wall time of the command and the number of figures it drew."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "biocorr.cli", *args, "--out", tmp, "--overwrite", "--quiet", *extra],
                       check=True)  # fmt: skip
        seconds = time.perf_counter() - t0
        return seconds, len(list(Path(tmp).glob("figures/*.svg")))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = {
            "opt (embedded example)": ["analyze", "--example", "opt"],
            "60 subjects x 22 cytokines x 4 scores": case_control_panel(folder, "p22", 40, 20, 22, SCORES_4, 1),
            "160 subjects x 24 biomarkers x 7 scores": case_control_panel(folder, "p160", 100, 60, 24, SCORES_7, 2),
        }
        print("| input | with the report | --no-report | ratio |\n| --- | --- | --- | --- |")
        for label, args in inputs.items():
            with_report, tables_only = [], []
            for _ in range(3):
                seconds, n_figures = command_seconds(args)
                with_report.append(seconds)
                tables_only.append(command_seconds(args, "--no-report")[0])
            best, base = min(with_report), min(tables_only)
            print(f"| {label} | {best:.1f} s ({n_figures} figures) | {base:.1f} s | {best / base:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
