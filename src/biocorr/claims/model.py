"""Reported statistics as printed: values with their precision, and claims files.

A reported number keeps the text the paper printed, so its precision is known:
".53" means any r in [.525, .535); "p < .05" is a bound, not a value.
"""

from __future__ import annotations

import csv
import io
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputFileError, SpecError, did_you_mean, missing_file_message

MINUS = "\u2212\u2013\u2012\u2014\ufe63\uff0d\u2010\u2011"  # minus signs, dashes, hyphens used as minus
INVISIBLE = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}  # zero-width characters, soft hyphen
_NUMBER = re.compile(r"^\s*([+-]?)\s*(\d*)(?:\.(\d+))?\s*(?:(?:[eE]|[×xX·*]\s*10\s*\^?)\s*([+-]?\s*\d+))?\s*$")
_P = re.compile(r"^\s*(?:p(?:[- ]?value)?\s*)?(=|<=|>=|<|>|≤|≥)?\s*(.+?)\s*$", re.I)
_DECIMAL_COMMA = re.compile(r"^([+-]?\s?[01]?),(\d+)$")  # '0,45', '-0,45', ',45': a coefficient or p
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")

CLAIM_FIELDS = (
    "id",
    "x",
    "y",
    "subset",
    "method",
    "n",
    "df",
    "r",
    "p",
    "p_comparator",
    "ci_low",
    "ci_high",
    "ci_level",
    "tails",
    "source",
)
METHOD_ALIASES = {
    "pearson": "pearson",
    "r": "pearson",
    "spearman": "spearman",
    "rho": "spearman",
    "rs": "spearman",
    "r_s": "spearman",
    "ρ": "spearman",
    "kendall": "kendall",
    "tau": "kendall",
    "τ": "kendall",
}


# The Lancet's decimal point ('0·45', '·001'); never the product sign of '2·10⁻⁵' / '2·10^-5'
MIDDLE_DOT = re.compile(r"(?:(?<=\d)|(?<![\w.\u00b7]))\u00b7(?=\d)(?!10\s*[-^⁻])")


EM_DASH_WORD = re.compile(r"[—–](?=[^\W\d_])")  # a dash before a word is punctuation, never a minus


def normalise_minus(text: str) -> str:
    """Replace Unicode minus signs and dashes by '-', and a decimal point printed as a middle dot
    (The Lancet's '0·45', '·001') by '.'.

    Examples
    --------
    >>> normalise_minus("\u2212.42"), normalise_minus("p = .0\u200b3"), normalise_minus("r = 0·45, p < ·001")
    ('-.42', 'p = .03', 'r = 0.45, p < .001')
    >>> normalise_minus("p = 2·10\u22125"), normalise_minus("METHODS\u2014Twenty-three adolescents")
    ('p = 2·10-5', 'METHODS Twenty-three adolescents')
    """
    text = EM_DASH_WORD.sub(" ", text)  # 'METHODS—Twenty-three adolescents': a break before a word, no hyphen
    for ch in MINUS:
        text = text.replace(ch, "-")
    if "\u00b7" in text:
        text = MIDDLE_DOT.sub(".", text)
    if any(chr(ch) in text for ch in INVISIBLE):  # a zero-width space inside '0.0\u200b3' must not split it
        text = text.translate(INVISIBLE)
    return text


# Some publishers' PDFs set '=' in a font whose text layer reads 'Z' ('rZ.315, PZ.028', 'nZ50')
PDF_EQUALS = re.compile(r"\b(rp|rs|r|p|P|n|N|t|F|z|df|d)Z(?=\s*-?\d|\s*-?\.\d)")


# inline markup a web page's text kept: '<em>p</em>', or its remnant 'P < /em>=0.012'
MARKUP = re.compile(r"<\s*/?\s*(?:em|i|b|strong|sup|sub|span)\s*>", re.I)
P_NO_SIGN = re.compile(
    r"(?<=\(\s)p[- ]?values?(\s+)(?=0?\.\d)|(?<=\()p[- ]?values?(\s+)(?=0?\.\d)"
    # '(rho 0.45, P 0.004)', '(r-0.449, p-value 0.003)', ', p-value 0.03.' (a sentence's end)
    r"|(?<=[,;]\s)p(?:[- ]?values?)?(\s+)(?=0?\.\d+\s*(?:[)\],;]|\.(?:\s|$)))",
    re.I,
)
SEMICOLON_R = re.compile(
    r"(?<=[(,]\s)(?:r|rs|rho|ρ)(;)(?=\s?[-+]?0?\.\d)|(?<=[(,])(?:r|rs|rho|ρ)(;)(?=\s?[-+]?0?\.\d)", re.I
)
GLUED_R = re.compile(r"(?<=\d)(?=r\s?=\s?[-+]?\.?\d)")  # 'p<0.01r= -0.57': a new statement glued on
STARS_APART = re.compile(r"(?P<num>[.,]\d+) (?P<stars>\*{1,3})(?=[\s|]|$)")  # a table's '-0.65 **'
# 'r=0. 103, P<0. 05': a typesetting that spaces each decimal point; r and p rejoined (never read as 'r=0')
SPACED_POINT = re.compile(r"(?P<head>(?<![A-Za-z])(?:r|rs|ρ|p)\s?[=<>≤≥]\s?-?\d?)\. (?P<digits>\d+)", re.I)


def normalise_passage(text: str) -> str:
    """A passage as the extractors read it: minus signs and dashes as '-', no-break spaces as
    spaces, invisible characters removed, a PDF's 'Z' for '=' after a statistic's symbol (and its Arabic
    date separator '؍' for '=' anywhere)
    ('rZ.315' is 'r=.315'; a 'Z' elsewhere is left alone), inline markup a web page kept
    ('P < /em>=0.012' is 'P =0.012') dropped, and a statement glued to the number before it
    ('p<0.01r= -0.57') set apart; a bracketed 'p-value 0.67' (or a bare 'P 0.004' after a comma in
    a bracket's list) given its '='; a cell's stars set apart from its number ('-0.65 **') put back
    on it; a decimal point spaced from its digits after r or p ('r=0. 103', never read as r = 0)
    closed up.

    Examples
    --------
    >>> normalise_passage("rpZ.315, PZ.028 (nZ50); ZIP code Z12"), normalise_passage("(r \u060d 0.46, P < 0.001)")
    ('rp=.315, P=.028 (n=50); ZIP code Z12', '(r = 0.46, P < 0.001)')
    >>> normalise_passage("(r=-0.162, P < /em>=0.012); (<em>p</em> = .03); (r= -0.67, p<0.01r= -0.57)")
    '(r=-0.162, P =0.012); (p = .03); (r= -0.67, p<0.01; r= -0.57)'
    >>> normalise_passage("Vitality -0.52** -0.65 ** -0.27")
    'Vitality -0.52** -0.65** -0.27'
    >>> normalise_passage("(rho 0.45, P 0.004); at P 0.05 level; (r-0.449, p-value 0.003)")
    '(rho 0.45, P=0.004); at P 0.05 level; (r-0.449, p-value=0.003)'
    >>> normalise_passage("(r=0. 103, P<0. 05); 38. 6%")
    '(r=0.103 , P<0.05 ); 38. 6%'
    """
    text = normalise_minus(text).replace("\u00a0", " ").replace("\u060d", "=")  # 'r ؍ 0.46': a PDF font's '='
    text = MARKUP.sub("", PDF_EQUALS.sub(r"\1=", text))
    text = SEMICOLON_R.sub(lambda m: m.group(0)[:-1] + "=", text)  # '(r; 0.374)': a ';' for the '='
    text = SPACED_POINT.sub(r"\g<head>.\g<digits> ", text)  # 'r=0. 103' is 'r=0.103 ' (columns kept)
    text = "\n".join(  # '-0.65 ** -0.69**': the stars are its own (a line without column gaps)
        line if "  " in line else STARS_APART.sub(r"\g<num>\g<stars>", line) for line in text.split("\n")
    )
    # '( p-value 0.673)': the '=' left out, put in the space's place (columns stay where they were)
    return P_NO_SIGN.sub(
        lambda m: m.group(0).rstrip() + "=" + " " * (len(m.group(0)) - len(m.group(0).rstrip()) - 1),
        GLUED_R.sub("; ", text),
    )


@dataclass(frozen=True)
class Reported:
    """A number as printed.

    Attributes
    ----------
    text : str
        As printed (after normalising the minus sign).
    value : float
    decimals : int
        Digits after the decimal point (".530" -> 3).
    """

    text: str
    value: float
    decimals: int
    exponent: int = 0

    @property
    def half_unit(self) -> float:
        """Half a unit of the last printed digit (the rounding interval's half-width).

        Examples
        --------
        >>> round(parse_number("2.1e-05").half_unit, 12), parse_number(".53").half_unit
        (5e-07, 0.005)
        """
        return 0.5 / 10**self.decimals * 10.0**self.exponent

    def matches(self, x: float) -> bool:
        """True if ``x`` rounds (half away from zero) to the printed value.

        Examples
        --------
        >>> parse_number(".53").matches(0.5349), parse_number(".53").matches(0.5351)
        (True, False)
        """
        return abs(x - self.value) <= self.half_unit + 1e-12


def parse_number(text: str) -> Reported:
    """Parse a printed number ('.53', '0.530', '−.42', '2.1e-05', '2.1 × 10−4', '3 × 10⁻⁶').

    Examples
    --------
    >>> parse_number("-0.420")
    Reported(text='-0.420', value=-0.42, decimals=3, exponent=0)
    >>> r = parse_number("2.1 × 10−4"); r.value, r.decimals, r.exponent
    (0.00021, 1, -4)
    >>> parse_number("0,45").value  # a decimal comma (European papers), for |x| <= 1 only
    0.45
    >>> parse_number("10⁻⁴").value, parse_number("10^-4").value
    (0.0001, 0.0001)
    """
    t = normalise_minus(str(text)).translate(_SUPERSCRIPTS).strip()
    if power := re.fullmatch(r"10\s*\^?\s*(-\s*\d+)", t):  # '10-4', '10^-4', '10⁻⁴': one times a power of ten
        exponent = int(power.group(1).replace(" ", ""))
        return Reported(text=t, value=_no_underflow(1.0, exponent), decimals=0, exponent=exponent)  # as '1e-4'
    m = _NUMBER.match(_DECIMAL_COMMA.sub(r"\1.\2", t))
    if not m or (not m.group(2) and not m.group(3)):
        raise ValueError(f"'{text}' is not a number")
    exponent = int(m.group(4).replace(" ", "")) if m.group(4) else 0
    mantissa = float(f"{m.group(1)}{m.group(2) or '0'}.{m.group(3) or '0'}")
    value = _no_underflow(mantissa, exponent) if exponent else mantissa
    return Reported(text=t, value=value, decimals=len(m.group(3) or ""), exponent=exponent)


def _no_underflow(mantissa: float, exponent: int) -> float:
    """mantissa × 10^exponent as a float; a non-zero number too small for a float ('p < 10^-400') is the
    smallest positive float, never 0 (a p of 0 reads as a printing error).

    Examples
    --------
    >>> _no_underflow(2.1, -4), _no_underflow(2.1, -400) > 0
    (0.00021, True)
    """
    value = float(f"{mantissa!r}e{exponent}")
    return math.copysign(math.ulp(0.0), mantissa) if value == 0 and mantissa != 0 else value


def parse_p(text: str, comparator: str | None = None) -> tuple[str, Reported]:
    """Parse a printed p-value with its comparator ('< .05', 'p = .049', '.049').

    Examples
    --------
    >>> parse_p("p<.001")
    ('<', Reported(text='.001', value=0.001, decimals=3, exponent=0))
    >>> parse_p("p-value = 2.1 × 10⁻⁴")[1].value
    0.00021
    """
    t = normalise_minus(str(text)).strip()
    m = _P.match(t)
    if not m:
        raise ValueError(f"'{text}' is not a p-value such as '.049', '< .05' or 'p = .031'")
    canonical = {"≤": "<", "≥": ">", "<=": "<", ">=": ">", ":": "="}  # 'P: 0.006' is 'p = 0.006'
    comp = m.group(1) or (comparator or "=").strip() or "="
    comp = canonical.get(comp, comp)
    return comp, parse_number(m.group(2))


@dataclass(frozen=True)
class Claim:
    """One reported correlation.

    ``n`` or ``df`` (df = n - 2) must be given; ``r`` and ``p`` keep their printed
    precision; ``tails`` is 2 unless the paper says one-tailed.
    """

    id: str
    r: Reported
    p: Reported | None = None
    p_comparator: str = "="
    n: int | None = None
    df: int | None = None
    method: str = "pearson"
    x: str = ""
    y: str = ""
    subset: str = "all"
    ci_low: Reported | None = None
    ci_high: Reported | None = None
    ci_level: float = 0.95
    tails: int = 2
    source: str = ""
    raw: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def n_effective(self) -> int | None:
        """n, or df + 2 when only df was printed."""
        return self.n if self.n is not None else (self.df + 2 if self.df is not None else None)


FIELD_ALIASES = {"pvalue", "p_value", "p-value", "rvalue", "r_value", "rho", "tau", "samplesize", "sample_size"}


def _misspelt_field(name: str) -> bool:
    """A column meant as a claims field: one edit away from one, or a common alias ('pvalue').

    Examples
    --------
    >>> [_misspelt_field(c) for c in ("rr", "pvalue", "tail", "table", "page")]
    [True, True, True, False, False]
    """
    if name in FIELD_ALIASES:
        return True
    for field_name in CLAIM_FIELDS:
        a, b = (name, field_name) if len(name) <= len(field_name) else (field_name, name)
        if len(b) - len(a) > 1:
            continue
        if len(a) == len(b):
            if sum(x != y for x, y in zip(a, b)) <= 1:
                return True
        elif any(b[:i] + b[i + 1 :] == a for i in range(len(b))):
            return True
    return False


def claim_from_record(rec: dict, where: str) -> Claim:
    """Build a :class:`Claim` from one row of a claims file (all values as text)."""
    rec = {k.strip().lower(): ("" if v is None else str(v).strip()) for k, v in rec.items() if k}
    annotations = {}
    for k in rec:
        if k not in CLAIM_FIELDS:
            if _misspelt_field(k):  # a misspelt field is an error, never an annotation
                raise SpecError(
                    f"{where}: unknown column '{k}'.{did_you_mean(k, CLAIM_FIELDS)} "
                    f"Columns: {', '.join(CLAIM_FIELDS)} (other columns are carried through as notes)."
                )
            annotations[k] = rec[k]  # any other column (table, page, note) is carried to the verdicts
    cid = rec.get("id") or where
    try:
        r = parse_number(rec["r"]) if rec.get("r") else None
        if r is None:
            raise ValueError("the reported r is missing")
        p_comp, p = ("=", None)
        if rec.get("p"):
            p_comp, p = parse_p(rec["p"], rec.get("p_comparator") or None)
        n = int(rec["n"]) if rec.get("n") else None
        df = int(rec["df"]) if rec.get("df") else None
        if n is None and df is None:
            raise ValueError("give n or df")
        method = METHOD_ALIASES.get(rec.get("method", "pearson").lower() or "pearson")
        if method is None:
            raise ValueError(f"unknown method '{rec.get('method')}' (pearson, spearman, kendall)")
        tails = int(rec.get("tails") or 2)
        if tails not in (1, 2):
            raise ValueError("tails must be 1 or 2")
        lo = parse_number(rec["ci_low"]) if rec.get("ci_low") else None
        hi = parse_number(rec["ci_high"]) if rec.get("ci_high") else None
        level = float(rec["ci_level"]) if rec.get("ci_level") else 0.95
        level = level / 100 if level > 1 else level
    except (ValueError, KeyError) as exc:
        raise SpecError(f"{where} (claim '{cid}'): {exc}.") from None
    return Claim(
        id=cid,
        r=r,
        p=p,
        p_comparator=p_comp,
        n=n,
        df=df,
        method=method,
        x=rec.get("x", ""),
        y=rec.get("y", ""),
        subset=rec.get("subset") or "all",
        ci_low=lo,
        ci_high=hi,
        ci_level=level,
        tails=tails,
        source=rec.get("source", ""),
        extra={"annotations": annotations} if annotations else {},
    )


def read_claims(path: str | Path) -> list[Claim]:
    """Read a claims file: CSV (one claim per row) or TOML (``[[claim]]`` tables).

    Values are read as text so that their printed precision is kept.

    Examples
    --------
    >>> import tempfile, os
    >>> f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
    >>> _ = f.write("id,n,r,p\\nc1,14,.53,.049\\n"); f.close()
    >>> read_claims(f.name)[0].r.decimals
    2
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(missing_file_message(path, "claims file", ".csv or .toml"))
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".toml":
        return [
            claim_from_record({k: str(v) for k, v in rec.items()}, f"{path.name} [[claim]] {i + 1}")
            for i, rec in enumerate(_toml_records(text, path.name))
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputFileError(f"{path.name}: the claims file is empty.")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delim = dialect.delimiter
    except csv.Error:
        delim = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    rows = list(reader)
    for i, row in enumerate(rows):
        if row.get(None):  # DictReader files surplus values under None
            extra = ", ".join(repr(v) for v in row[None])
            raise SpecError(
                f"{path.name} row {i + 2}: more values than the header's {len(reader.fieldnames or [])} columns "
                f"({extra} left over). Quote a value that holds '{delim}', or name the extra column in the header."
            )
    return [claim_from_record(row, f"{path.name} row {i + 2}") for i, row in enumerate(rows)]


# 'r = 0.50' in TOML is the float 0.5: its printed precision (two decimals) would be lost, and the
# check would allow r in [0.45, 0.55] instead of [0.495, 0.505]. Bare numbers are quoted before parsing.
_TOML_NUMBER = re.compile(
    r"^(\s*[A-Za-z_][\w-]*\s*=\s*)([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(\s*(?:#.*)?)$", re.M
)


def _toml_records(text: str, name: str) -> list[dict]:
    """The ``[[claim]]`` tables of a TOML claims file, every bare number kept as its printed text."""
    try:
        doc = tomllib.loads(_TOML_NUMBER.sub(r'\1"\2"\3', text))
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{name}: not valid TOML ({exc}).") from None
    other = [k for k in doc if k != "claim"]
    if other:
        raise SpecError(
            f"{name}: unknown table or key '{other[0]}'.{did_you_mean(other[0], ['claim'])} A claims file holds "
            "one [[claim]] table per reported correlation."
        )
    records = doc.get("claim")
    if isinstance(records, dict):
        raise SpecError(f"{name}: write [[claim]] (two brackets) above each claim; [claim] is a single table.")
    if not records:
        raise SpecError(f"{name}: no [[claim]] table; write one per reported correlation (r, n or df, p ...).")
    if not all(isinstance(rec, dict) for rec in records):
        raise SpecError(f"{name}: 'claim' must be [[claim]] tables, one per reported correlation.")
    return records


@dataclass(frozen=True)
class Found:
    """A statement found in text: the claim, where it stood, and the raw text."""

    claim: Claim
    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Unparsed:
    """A place that mentions a correlation but could not be read."""

    line: int
    column: int
    text: str
    reason: str
