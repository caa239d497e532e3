"""Reading a wide omics table for biocorr screen: 150,000 features x 30 samples, both layouts.

Usage: ``python benchmarks/bench_screen_read.py`` (about 30 s, mostly writing the CSVs). Prints the
seconds of ``load_screen_inputs`` for a samples x features CSV (28 MB) and for a features x samples
matrix with a sample sheet, and checks that both give the same numbers as were written.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from biocorr.screen.inputs import load_screen_inputs

N_SAMPLES, N_FEATURES = 30, 150_000


def main() -> None:
    rng = np.random.default_rng(1)
    values = rng.normal(size=(N_SAMPLES, N_FEATURES)).round(4)
    ids = [f"s{i}" for i in range(N_SAMPLES)]
    wide = pd.DataFrame(values, columns=[f"g{i}" for i in range(N_FEATURES)])
    wide.insert(0, "pain", rng.normal(size=N_SAMPLES).round(2))
    wide.insert(0, "id", ids)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wide.to_csv(folder / "wide.csv", index=False)
        wide.set_index("id").drop(columns="pain").T.rename_axis("feature").reset_index().to_csv(
            folder / "tall.csv", index=False
        )
        wide[["id", "pain"]].to_csv(folder / "sheet.csv", index=False)
        for label, call in (
            ("samples x features CSV", lambda: load_screen_inputs(folder / "wide.csv", ["pain"], "id")),
            ("features x samples + sheet", lambda: load_screen_inputs(
                folder / "tall.csv", ["pain"], "id", folder / "sheet.csv", True)),
        ):  # fmt: skip
            best = np.inf
            for _ in range(3):
                t0 = time.perf_counter()
                got = call()
                best = min(best, time.perf_counter() - t0)
            assert np.array_equal(got.features.to_numpy(), values)
            print(f"{label}: {best:.2f} s for {N_FEATURES:,} features x {N_SAMPLES} samples (best of 3)")


if __name__ == "__main__":
    main()
