"""Property-based tests (hypothesis): for any input the reader, the validator, the spec parser and the
claim extractor either give a result equal to a reference or raise a BiocorrError; never another
exception, never a shifted or dropped value."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from biocorr.claims import extract_claims
from biocorr.data.read import read_text_table
from biocorr.data.validate import validate
from biocorr.errors import BiocorrError
from biocorr.spec.model import parse_spec

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12).map(str.strip)
numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@st.composite
def tables(draw):
    """A header and rows of cells (text or numbers as text), the way a spreadsheet writes them."""
    n_cols = draw(st.integers(2, 6))
    header = draw(
        st.lists(
            st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,7}", fullmatch=True), min_size=n_cols, max_size=n_cols, unique=True
        )
    )
    n_rows = draw(st.integers(1, 12))
    cell = st.one_of(numbers.map(repr), cell_text, st.sampled_from(["", "NA", "<1.2", "inf", "1e309", "−3"]))
    rows = draw(st.lists(st.lists(cell, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows))
    return header, rows


@SETTINGS
@given(tables(), st.sampled_from([",", ";", "\t"]), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_the_reader_returns_every_cell_where_it_was(table, delimiter, newline, trailing):
    header, rows = table
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row + ([""] if trailing else []))
    text = buf.getvalue()
    if not any(any(c.strip() for c in row) for row in rows):
        return  # all-blank rows are skipped as blank lines, by design
    try:
        raw = read_text_table(text)
    except BiocorrError:
        return  # a clear refusal is allowed (e.g. a sniffed delimiter inside a text cell)
    if list(raw.frame.columns) != header:
        return  # the delimiter was mis-sniffed from text cells; then columns differ visibly, never silently
    # rows with no value at all carry nothing to shift or drop; the reader may keep them (as empty rows)
    kept = [row for row in rows if any(c.strip() for c in row)]
    read = [row for row in raw.frame.to_numpy().tolist() if any(str(c).strip() for c in row)]
    assert read == kept


@st.composite
def numeric_tables(draw):
    n = draw(st.integers(3, 15))
    x = draw(st.lists(st.one_of(numbers, st.sampled_from(["", "abc", "<0.5", "inf", "NA"])), min_size=n, max_size=n))
    y = draw(st.lists(st.one_of(numbers, st.sampled_from(["", "xyz", "999"])), min_size=n, max_size=n))
    return x, y


@SETTINGS
@given(numeric_tables())
def test_every_cell_is_a_value_a_missing_value_or_an_exclusion(table):
    x, y = table
    lines = ["id,TNF,VAS"] + [f"P{i},{a!r},{b!r}".replace("'", "") for i, (a, b) in enumerate(zip(x, y))]
    raw = read_text_table("\n".join(lines) + "\n")
    spec = parse_spec(
        {"data": {"id": "id"}, "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS", "range": [-1e12, 1e12]}]}
    )
    try:
        study = validate(raw, spec)
    except BiocorrError:
        return  # too few usable rows or a constant column: refused with a message
    for column, values in (("TNF", x), ("VAS", y)):
        excluded = set(study.exclusions.loc[study.exclusions["column"] == column, "row"])
        for i, v in enumerate(values):
            got = study.data.loc[study.data["row"] == i + 2, column].item()
            if isinstance(v, float):
                assert got == v  # a number is read exactly
            elif v in ("", "NA"):
                assert math.isnan(got) and (i + 2) not in excluded  # missing, not excluded
            elif v == "999":
                assert got == 999.0
            else:
                assert math.isnan(got) and (i + 2) in excluded  # never a number invented from text


spec_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True), st.text(max_size=8)),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)
spec_keys = st.sampled_from(["data", "groups", "biomarker", "score", "covariate", "analysis", "qpcr", "other"])


@SETTINGS
@given(st.dictionaries(spec_keys, spec_values, max_size=6))
def test_any_spec_document_parses_or_is_refused_with_a_spec_error(doc):
    try:
        parse_spec(doc)
    except BiocorrError as exc:
        assert str(exc).strip()


@SETTINGS
@given(
    st.dictionaries(st.sampled_from(["id", "group", "missing", "sheet", "source"]), spec_values, max_size=4),
    st.dictionaries(
        st.sampled_from(
            ["methods", "subsets", "adjust", "confidence", "seed", "permutations", "family", "bootstrap", "robust"]
        ),
        spec_values,
        max_size=4,
    ),
)
def test_any_data_and_analysis_tables_parse_or_are_refused(data, analysis):
    doc = {"data": data, "analysis": analysis, "biomarker": [{"column": "a"}], "score": [{"column": "b"}]}
    try:
        spec = parse_spec(doc)
    except BiocorrError:
        return
    assert 0 < spec.analysis.confidence < 1 and spec.analysis.methods and spec.analysis.subsets


@SETTINGS
@given(st.text(max_size=400))
def test_the_claim_extractor_never_fails_on_any_text(text):
    found, unparsed = extract_claims(text)
    for f in found:
        assert f.text and f.line >= 1 and f.column >= 1
    for u in unparsed:
        assert u.reason and u.line >= 1


@SETTINGS
@given(st.floats(-0.99, 0.99), st.integers(5, 500), st.floats(0.0001, 0.9999))
def test_a_written_statement_is_read_back_as_written(r, df, p):
    text = f"TNF and pain were related, r({df}) = {r:.2f}, p = {p:.3f}."
    found, _ = extract_claims(text)
    assert len(found) == 1
    claim = found[0].claim
    assert claim.df == df and claim.r.value == float(f"{r:.2f}") and claim.p.value == float(f"{p:.3f}")


@SETTINGS
@given(st.lists(numbers, min_size=4, max_size=30), st.integers(-300, 300))
@example(values=[0.0, 0.0, 0.0, 3.2616862540384927e-277], exponent=-105)  # found in session 19: subnormal
def test_correlations_do_not_depend_on_the_scale(values, exponent):
    from biocorr.stats.diagnostics import correlation_test

    x = np.array(values)
    y = np.sin(np.arange(len(x)))
    scaled_x = x * 2.0**exponent  # a power of two: exact, unless a value leaves the normal range
    if (
        np.ptp(x) == 0
        or not np.array_equal(scaled_x * 2.0**-exponent, x)
        or np.any((scaled_x != 0) & (np.abs(scaled_x) < np.finfo(float).tiny))
    ):
        return  # subnormal or overflowing values lose bits: the data themselves changed
    base = correlation_test(x, y, "pearson").estimate
    scaled = correlation_test(scaled_x, y, "pearson").estimate
    assert scaled == base or (math.isnan(scaled) and math.isnan(base))


@SETTINGS
@given(
    st.lists(
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 3)), min_size=1, max_size=8
    ),
    st.sampled_from([",", "."]),
    st.booleans(),
)
def test_a_column_written_with_one_decimal_mark_is_read_exactly_or_refused_never_misread(values, mark, grouped):
    """Where a decimal comma is allowed ('\t'), any column of numbers written with one decimal mark
    (and, optionally, thousands separators of the other mark) reads back exactly, cell by cell, or
    the cell is refused as ambiguous; no cell is read as another number."""
    from biocorr.data.cells import parse_numeric

    def write(v: float) -> str:
        whole, _, frac = f"{abs(v):.3f}".rstrip("0").rstrip(".").partition(".")
        other = "." if mark == "," else ","
        if grouped:
            whole = f"{int(whole):,}".replace(",", other)
        return ("-" if v < 0 else "") + whole + (mark + frac if frac else "")

    cells = pd.Series([write(v) for v in values])
    read, _, failed, _ = parse_numeric(cells, True, set(), ".")
    for v, text, got, refused in zip(values, cells, read, failed):
        assert refused or got == float(f"{v:.3f}"), (text, got)


@SETTINGS
@given(st.text(max_size=300), st.sampled_from(["csv", "toml"]))
def test_any_claims_file_is_read_or_refused_with_a_message(text, kind):
    import tempfile
    from pathlib import Path

    from biocorr.claims import read_claims

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"claims.{kind}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            claims = read_claims(path)
        except BiocorrError as exc:
            assert str(exc).strip()
            return
        for claim in claims:
            assert claim.r is not None and (claim.n is not None or claim.df is not None)


@SETTINGS
@given(tables())
def test_any_ct_table_gives_results_or_a_qpcr_error(table):
    from biocorr.qpcr import parse_qpcr_spec, run_qpcr

    header, rows = table
    header = ["sample", "subject", "condition", "gene", "ct"][: len(header)] + header[5:]
    text = "\n".join(",".join(r) for r in [header, *[[c.replace(",", " ") for c in row] for row in rows]]) + "\n"
    spec = parse_qpcr_spec({"targets": "all", "references": ["GAPDH"], "calibrator_condition": "vehicle"})
    try:
        run_qpcr(read_text_table(text), spec)
    except BiocorrError as exc:
        assert str(exc).strip()


def test_the_property_tests_can_fail():
    """The reader property would catch a shifted column (the check itself is not vacuous)."""
    raw = read_text_table("a,b\n1,2\n3,4\n")
    shifted = [["2", ""], ["4", ""]]
    assert raw.frame.to_numpy().tolist() == [["1", "2"], ["3", "4"]] != shifted
