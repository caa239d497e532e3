"""write_csv: the bytes pandas' to_csv writes after neutralising, on tables of every kind and text."""

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biocorr.data.write import neutralise_cell, write_csv


def pandas_reference(frame: pd.DataFrame) -> bytes:
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe.to_csv(index=False).encode("utf-8")


TEXT = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\t=+-@;é\u2028') + ["1", "."]), max_size=6)
FLOAT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e16, 1e-5, 0.1, 123456789.125, 5e-324, np.nan]),
)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.integers(0, 6).flatmap(
        lambda n: st.tuples(
            st.lists(FLOAT, min_size=n, max_size=n),
            st.lists(st.integers(-(2**62), 2**62), min_size=n, max_size=n),
            st.lists(st.one_of(TEXT, st.none(), st.just(np.nan)), min_size=n, max_size=n),
            st.lists(st.booleans(), min_size=n, max_size=n),
        )
    ),
    names=st.lists(TEXT, min_size=4, max_size=4),
)
def test_the_bytes_pandas_writes(tmp_path_factory, rows, names):
    floats, ints, texts, flags = rows
    frame = pd.DataFrame({"f": floats, "i": ints, "t": pd.Series(texts, dtype=object), "b": flags})
    frame.columns = names  # duplicate and formula-like names included
    path = tmp_path_factory.mktemp("w") / "t.csv"
    write_csv(frame, path)
    assert path.read_bytes() == pandas_reference(frame)


@pytest.mark.parametrize(
    "column",
    [
        pd.Series([1, None, 3], dtype="Int64"),
        pd.Series(["a", "=b", None], dtype="category"),
        pd.Series(pd.to_datetime(["2026-01-02", None, "2026-03-04"])),
        pd.Series([0.1, 0.25, np.nan], dtype=np.float32),
        pd.Series(["x", "=y", None], dtype="string"),
        pd.Series([True, "=z", 2.5], dtype=object),
    ],
)
def test_other_kinds_as_pandas_writes_them(tmp_path, column):
    frame = pd.DataFrame({"id": ["P1", "-P2", "P,3"], "value": column})
    write_csv(frame, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes() == pandas_reference(frame)


def test_reads_back_exactly_with_the_csv_module(tmp_path):
    rng = np.random.default_rng(4)
    values = rng.normal(size=500) * 10.0 ** rng.integers(-300, 300, 500)
    frame = pd.DataFrame({"name": [f'g"{i},\n' for i in range(500)], "value": values})
    write_csv(frame, tmp_path / "t.csv")
    with open(tmp_path / "t.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    assert [r[0] for r in rows] == frame["name"].tolist()
    assert np.array_equal(np.array([float(r[1]) for r in rows]), values)
    assert pd.read_csv(io.StringIO((tmp_path / "t.csv").read_text()))["value"].to_numpy().tobytes() == values.tobytes()
