"""The screen over Dask equals the in-memory screen: threads, and a LocalCluster whose workers
each have less memory than the table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr.errors import DataError, InputFileError
from biocorr.screen.compute import screen
from biocorr.screen.distributed import screen_dask, screen_features_by_samples, screen_parquet_row_groups
from biocorr.stats.multiplicity import adjust_p
from tests.helpers import FIXTURES

dd = pytest.importorskip("dask.dataframe")
INPUTS = pd.read_csv(FIXTURES / "screen_inputs.csv")
GENES = [c for c in INPUTS.columns if c.startswith("gene")]
PHENOTYPES = INPUTS[["pain", "fatigue", "mood"]]


def test_threads_give_the_in_memory_table():
    features = dd.from_pandas(INPUTS[GENES], npartitions=3)
    ours = screen_dask(features, PHENOTYPES, ["pearson", "spearman", "kendall"], features_per_task=7)
    expected = screen(INPUTS[GENES], PHENOTYPES, ["pearson", "spearman", "kendall"])
    pd.testing.assert_frame_equal(ours, expected, check_exact=False, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("layout", ["first column", "stored index"])
def test_parquet_row_groups_give_the_in_memory_table(tmp_path, layout):
    """Each task reads its own row group; the feature names come from the stored pandas index or
    the first column; samples are matched to the phenotypes by name, whatever their order."""
    matrix = INPUTS[GENES].T.set_axis([f"s{i}" for i in range(len(INPUTS))], axis=1).rename_axis("feature")
    matrix = matrix[matrix.columns[::-1]]  # the sheet lists the samples in another order
    path = tmp_path / "m.parquet"
    (matrix if layout == "stored index" else matrix.reset_index()).to_parquet(path, row_group_size=7)
    phenotypes = PHENOTYPES.set_axis([f"s{i}" for i in range(len(INPUTS))])
    ours = screen_parquet_row_groups(str(path), phenotypes, ["pearson", "spearman", "kendall"])
    expected = screen(INPUTS[GENES], PHENOTYPES, ["pearson", "spearman", "kendall"])
    pd.testing.assert_frame_equal(ours, expected, check_exact=False, rtol=1e-13, atol=1e-15)
    with pytest.raises(DataError, match="not in the sample sheet: s0"):
        screen_parquet_row_groups(str(path), phenotypes.iloc[1:])
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(InputFileError, match="not a readable Parquet file"):
        screen_parquet_row_groups(str(tmp_path / "bad.parquet"), phenotypes)


def test_features_by_samples_from_a_dask_dataframe(tmp_path):
    matrix = INPUTS[GENES].T.set_axis([f"s{i}" for i in range(len(INPUTS))], axis=1).rename_axis("feature")
    matrix.to_parquet(tmp_path / "m.parquet", row_group_size=9)
    phenotypes = PHENOTYPES.set_axis([f"s{i}" for i in range(len(INPUTS))])
    parts = dd.read_parquet(tmp_path / "m.parquet", index="feature", split_row_groups=True)
    ours = screen_features_by_samples(parts, phenotypes, ["pearson"])
    pd.testing.assert_frame_equal(ours, screen(INPUTS[GENES], PHENOTYPES, ["pearson"]), check_exact=False, rtol=1e-13)


def test_a_text_phenotype_or_an_unknown_method_is_a_message_in_every_dask_entry(tmp_path):
    """Each entry point names the phenotype, the sample and the cell (it was a ValueError from
    pandas inside a task, or no check at all for the method of the Dask DataFrame entry)."""
    phenotypes = PHENOTYPES.set_axis([f"s{i}" for i in range(len(INPUTS))]).astype(object)
    phenotypes.iloc[2, 0] = "n.d."
    matrix = INPUTS[GENES].T.set_axis(phenotypes.index, axis=1).rename_axis("feature")
    matrix.to_parquet(tmp_path / "m.parquet", row_group_size=9)
    parts = dd.read_parquet(tmp_path / "m.parquet", index="feature", split_row_groups=True)
    message = "phenotype 'pain' sample s2: 'n.d.' is not a number"
    with pytest.raises(DataError, match=message):
        screen_features_by_samples(parts, phenotypes, ["pearson"])
    with pytest.raises(DataError, match=message):
        screen_parquet_row_groups(str(tmp_path / "m.parquet"), phenotypes)
    with pytest.raises(DataError, match=message):
        screen_dask(dd.from_pandas(INPUTS[GENES], npartitions=2), phenotypes)
    with pytest.raises(ValueError, match="pearsn"):
        screen_features_by_samples(parts, PHENOTYPES.set_axis(phenotypes.index), ["pearsn"])


@pytest.mark.slow
def test_a_local_cluster_screens_a_parquet_matrix_larger_than_each_workers_memory(tmp_path):
    """A features × samples Parquet matrix of ~770 MB, two worker processes with 700 MB each (a
    worker's own Python, numpy, pandas and Dask take ~240 MB of that, a task ~40 MB): each
    partition (5,000 features, every sample) is read and screened by one worker, none holds the
    table; the result equals the in-memory engine (simulated data). A watchdog ends the test
    with a traceback after 5 minutes rather than let a lost cluster hang CI."""
    import faulthandler

    import dask
    import pyarrow as pa
    import pyarrow.parquet as pq
    from distributed import Client, LocalCluster

    rng = np.random.default_rng(3)
    n, p, block = 120, 800_000, 5_000
    latent = rng.normal(size=n)
    samples = [f"s{i}" for i in range(n)]
    y = pd.DataFrame({"pain": latent + rng.normal(size=n), "mood": rng.normal(size=n)}, index=samples)
    path = tmp_path / "matrix.parquet"
    writer = None
    for start in range(0, p, block):  # written a block at a time: the test never holds it all either
        values = rng.normal(size=(block, n)) + 0.2 * latent[None, :]
        frame = pd.DataFrame(
            values, columns=samples, index=pd.Index([f"f{i}" for i in range(start, start + block)], name="feature")
        )
        table = pa.Table.from_pandas(frame)
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table, row_group_size=block)
    writer.close()
    assert path.stat().st_size > 700e6
    # the workers keep running near their limit (Dask would pause them at 80 % and wait forever for
    # memory that a task in progress cannot free); the 95 % limit still ends a worker that exceeds it
    no_pause = {f"distributed.worker.memory.{k}": False for k in ("target", "spill", "pause")}
    faulthandler.dump_traceback_later(300, exit=True)
    with (
        dask.config.set(no_pause),
        LocalCluster(n_workers=2, threads_per_worker=1, memory_limit="700MB") as cluster,
        Client(cluster) as client,
    ):
        ours = screen_parquet_row_groups(str(path), y, ["pearson"], client=client)  # each worker reads its groups
    faulthandler.cancel_dump_traceback_later()
    assert len(ours) == 2 * p and ours["family"].nunique() == 2
    picked = pq.ParquetFile(path).read_row_group(17).to_pandas()  # features 85,000-89,999, read back
    expected = screen(picked.T, y, ["pearson"]).set_index(["feature", "phenotype"])
    got = ours.set_index(["feature", "phenotype"]).loc[expected.index]
    np.testing.assert_allclose(got["estimate"], expected["estimate"], atol=1e-13)
    np.testing.assert_allclose(got["p"], expected["p"], rtol=1e-10)
    pain = ours[ours["phenotype"] == "pain"]  # BH over the whole family of 800,000 features
    np.testing.assert_allclose(pain["p_adjusted"], adjust_p(pain["p"].to_numpy(), "bh"), rtol=1e-12)
