"""Column parsers for validation: casualties, coordinates, claim, sources, country hints.

Each parser takes a column of stripped text (``""`` = missing; a numpy object array or a
pandas Series, ideally of the arrow-backed ``str`` dtype, whose string methods run in C),
handles the common clean values vectorised, and looks at the others one by one to say exactly
what is wrong. It returns its parsed arrays and a list of ``(position, severity, reason)``.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geomap.events.schema import CLAIM_VALUES

__all__ = [
    "Finding",
    "show",
    "parse_casualties",
    "parse_coordinate",
    "parse_claims",
    "parse_sources",
    "parse_country_hints",
]

Finding = tuple[int, str, str]  # (position, severity, reason)
IntArray = pd.api.extensions.ExtensionArray  # nullable Int64

_INT = re.compile(r"[0-9]+(?:\.0+)?")
# Literal dashes and [ \t] rather than \u escapes and \s: pyarrow's RE2 then runs them in C.
_RANGE = re.compile("([0-9]+)[ \t]*[-\u2013\u2014][ \t]*([0-9]+)")
_SPLIT = re.compile(r"\s*[;|]\s*")
_URL = r"https?://[^ \t\r\n/;|?#]+[^ \t\r\n;|]*"
_URL_FAST = rf"{_URL}(?:[ \t]*[;|][ \t]*{_URL})*"
_COUNTRY = re.compile(r"[A-Za-z]{2}")
#: A decimal with a point and at most 15 digits: pyarrow's cast reads it as pd.to_numeric
#: does (both round the one division correctly), in a third of the time. A column with any
#: other cell goes to pandas whole (its int/float rules, e.g. the sign of "-0", are kept).
_PLAIN_DECIMAL = r"-?[0-9]{1,3}\.[0-9]{1,12}"
#: Whole numbers pyarrow casts to the int64 pd.to_numeric gives (no overflow, no ".0").
_SHORT_INT = r"[0-9]{1,15}"
_MAX_SHOWN = 60
#: A number as pandas reads it: ASCII digits, an optional sign, point and exponent, or the
#: words nan/inf (float() also takes '36_2' and other scripts' digits, pandas does not).
_ASCII_NUMBER = re.compile(
    r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?(?:nan|inf|infinity)",
    re.IGNORECASE)
_MINUS_SIGNS = frozenset("\u2212\u2010\u2011\u2012\u2013\u2014\ufe63\uff0d")


def show(text: str) -> str:
    """A value as it appears in a message: numbers bare, text quoted, long text cut."""
    if isinstance(text, str) and _ASCII_NUMBER.fullmatch(text):
        return text
    cut = text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"
    return repr(cut)


Text = np.ndarray | pd.Series


def _series(values: Text) -> pd.Series:
    """The column as an arrow-backed ``str`` Series with a RangeIndex."""
    if isinstance(values, pd.Series) and values.dtype == "str":
        return values.reset_index(drop=True)
    return pd.Series(np.asarray(values, dtype=object), dtype="str")


def _objects(items: Iterable[object], count: int) -> np.ndarray:
    """A 1-D object array of ``items`` (tuples stay elements, not rows)."""
    return np.fromiter(items, dtype=object, count=count)


def _mask(result: pd.Series) -> np.ndarray:
    return result.fillna(False).to_numpy(dtype=bool, copy=True)


def _as_ascii(text: str) -> str:
    """``text`` with other scripts' digits, Unicode minus signs and ``_`` written the ASCII
    way (``'\u0661\u0662'`` -> ``'12'``, ``'\u221236.2'`` -> ``'-36.2'``)."""
    out = []
    for char in text:
        digit = unicodedata.decimal(char, None)
        if digit is not None:
            out.append(str(digit))
        elif char != "_":
            out.append("-" if char in _MINUS_SIGNS else char)
    return "".join(out)


def _number_reason(text: str, what: str) -> str:
    """Why a non-empty cell is not a usable number."""
    if not _ASCII_NUMBER.fullmatch(text):
        if re.fullmatch(r"-?\d+,\d+", text):
            return f"{show(text)} is not a number (use a decimal point: {text.replace(',', '.')})"
        written = _as_ascii(text)
        if written != text and _ASCII_NUMBER.fullmatch(written):
            return f"{show(text)} is not a number as written (write {written})"
        return f"{show(text)} is not a number (expected {what})"
    number = float(text)
    if math.isnan(number) or math.isinf(number):
        return f"{text} is not a finite number"
    return ""


# -- casualties ------------------------------------------------------------------------------
_MAX_COUNT = 2**63 - 1  # what an Int64 column holds


def _fits(text: str) -> bool:
    """Every run of digits of ``text`` is a number an Int64 column holds."""
    for run in re.findall(r"[0-9]+", text):
        run = run.lstrip("0")
        if len(run) > 19 or (len(run) == 19 and int(run) > _MAX_COUNT):
            return False
    return True


def _casualty_reason(text: str) -> str:
    if (_INT.fullmatch(text) or _RANGE.fullmatch(text)) and not _fits(text):
        return f"{show(text)} is too large to be a count"
    if m := _RANGE.fullmatch(text):
        return f"{show(text)} is not a valid range: {m.group(1)} is more than {m.group(2)}"
    reason = _number_reason(text, "a whole number, a range like 3-5, or empty")
    if reason:
        return reason
    number = float(text)
    if number < 0:
        return f"{text} is negative"
    if number > _MAX_COUNT:
        return f"{show(text)} is too large to be a count"
    if number.is_integer():
        return f"{text} is not a whole number as written (write {int(number)})"
    return f"{text} is not a whole number"


def parse_casualties(values: Text) -> tuple[IntArray, IntArray, list[Finding]]:
    """Parse ``killed``/``injured``: ``4`` -> (4, 4), ``3-5`` -> (3, 5), empty -> (NA, NA).

    Returns low and high as ``Int64`` arrays and the findings (all errors).
    """
    s = _series(values)
    low = pd.array(np.full(len(s), pd.NA), dtype="Int64")
    high = low.copy()
    present = (s != "").to_numpy()
    if not present.any():  # an empty or absent column: nothing to parse
        return low, high, []
    plain = _mask(s.str.fullmatch(_INT.pattern))
    huge = np.zeros(len(s), dtype=bool)  # more than an Int64 holds: an error below
    for i in np.flatnonzero(present & (s.str.len() > 18).fillna(False).to_numpy(dtype=bool)):
        huge[i] = not _fits(s.iat[i])
    plain &= ~huge
    if plain.any():
        digits = s[plain]
        if _mask(digits.str.fullmatch(_SHORT_INT)).all():  # the usual cells: "0", "12"
            numbers = pc.cast(pa.array(digits.array), pa.int64()).to_numpy()
        else:  # "3.0" or very long numbers: pandas' rules, as before
            numbers = pd.to_numeric(digits.str.replace(r"\.0+$", "", regex=True)).to_numpy()
        low[plain] = numbers
        high[plain] = numbers
    ranged = np.zeros(len(s), dtype=bool)
    others = np.flatnonzero(present & ~plain & ~huge)  # ranges (and mistakes): rare
    if len(others):
        ranged[others] = _mask(s.iloc[others].str.fullmatch(_RANGE.pattern))
    if ranged.any():
        dashed = s[ranged].str.replace("\u2013", "-", regex=False)
        parts = (dashed.str.replace("\u2014", "-", regex=False).str.replace(" ", "", regex=False)
                 .str.replace("\t", "", regex=False).str.split("-", n=1, expand=True))
        first = pd.to_numeric(parts[0]).to_numpy()
        second = pd.to_numeric(parts[1]).to_numpy()
        ordered = first <= second
        positions = np.flatnonzero(ranged)
        low[positions[ordered]] = first[ordered]
        high[positions[ordered]] = second[ordered]
        ranged[positions[~ordered]] = False
    findings: list[Finding] = []
    for i in np.flatnonzero(~plain & ~ranged & present):
        findings.append((int(i), "error", _casualty_reason(s.iat[i])))
    return low, high, findings


# -- coordinates -----------------------------------------------------------------------------
def parse_coordinate(values: Text, limit: float) -> tuple[np.ndarray, list[Finding]]:
    """Parse a latitude (``limit=90``) or longitude (``limit=180``) column.

    Returns float values (NaN when missing or bad) and the findings (all errors).
    """
    s = _series(values)
    present = (s != "").to_numpy()
    numbers = np.full(len(s), np.nan)
    if present.any():
        plain = _mask(s.str.fullmatch(_PLAIN_DECIMAL))
        if (plain == present).all():  # the usual column: every cell a plain decimal
            numbers[plain] = pc.cast(pa.array(s[plain].array), pa.float64()).to_numpy(
                zero_copy_only=False)
        else:  # all through pandas, as before ("-0" beside decimals stays -0.0)
            numbers[present] = pd.to_numeric(s[present], errors="coerce").to_numpy(dtype=float)
    values = s.to_numpy(dtype=object)
    finite = np.isfinite(numbers)
    findings: list[Finding] = []
    for i in np.flatnonzero(present & ~finite):
        reason = _number_reason(values[i], "decimal degrees")
        findings.append((int(i), "error", reason or f"{show(values[i])} is not a number"))
    outside = present & finite & (np.abs(numbers) > limit)
    for i in np.flatnonzero(outside):
        findings.append((int(i), "error", f"{values[i]} is outside [-{limit:g}, {limit:g}]"))
    numbers[~finite | outside] = np.nan
    return numbers, findings


# -- claim -----------------------------------------------------------------------------------
def parse_claims(values: Text) -> tuple[np.ndarray, list[Finding]]:
    """Normalise ``claim`` (case-insensitive; empty -> ``unknown``); unknown values are errors
    that suggest the closest allowed value."""
    s = _series(values)
    lowered = s.str.lower().where(s != "", "unknown")
    known = lowered.isin(CLAIM_VALUES).to_numpy()
    out = lowered.to_numpy(dtype=object, copy=True)
    values = s.to_numpy(dtype=object)
    findings: list[Finding] = []
    allowed = " | ".join(CLAIM_VALUES)
    for i in np.flatnonzero(~known):
        close = difflib.get_close_matches(out[i], CLAIM_VALUES, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        findings.append((int(i), "error", f"{show(values[i])} is not one of {allowed}{hint}"))
        out[i] = None
    return out, findings


# -- sources ---------------------------------------------------------------------------------
def _url_reason(url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if any(c.isspace() for c in url):
            return f"{show(url)} contains white space"
        return "" if parts.netloc else f"{show(url)} has no host"
    if not scheme or "." in scheme:
        return f"{show(url)} is not an http(s) URL (add https:// in front)"
    return f"{show(url)} is not an http(s) URL ({scheme}: links are refused)"


def parse_sources(values: Text) -> tuple[np.ndarray, list[Finding]]:
    """Split ``sources`` on ``;`` or ``|`` into tuples of http(s) URLs; anything else is an
    error naming the URL (``javascript:``, ``data:`` and bare domains are refused)."""
    s = _series(values)
    fast = _mask(s.str.fullmatch(_URL_FAST))
    single = fast & ~_mask(s.str.contains(r"[;|]"))
    values = s.to_numpy(dtype=object)
    out = np.empty(len(values), dtype=object)
    empty = values == ""
    out[empty] = _objects((() for _ in range(int(empty.sum()))), int(empty.sum()))
    out[single] = _objects(zip(values[single].tolist()), int(single.sum()))  # 1-tuples
    findings: list[Finding] = []
    for i in np.flatnonzero(~empty & ~single):
        text = values[i]
        urls = tuple(u for u in _SPLIT.split(text) if u)
        if not fast[i]:
            reasons = [r for r in map(_url_reason, urls) if r]
            if reasons:
                findings.append((int(i), "error", "; ".join(reasons)))
                urls = ()
        out[i] = urls
    return out, findings


# -- country hints ---------------------------------------------------------------------------
def parse_country_hints(values: Text) -> tuple[np.ndarray, list[Finding]]:
    """The geocoder hints: ISO 3166-1 alpha-2 codes upper-cased (``NA`` is Namibia); anything
    else is a warning and gives no hint (the column itself is kept as written)."""
    s = _series(values)
    present = (s != "").to_numpy()
    out = np.full(len(s), None, dtype=object)
    if not present.any():
        return out, []
    good = _mask(s.str.fullmatch(_COUNTRY.pattern))
    out[good] = s[good].str.upper().to_numpy(dtype=object)
    findings: list[Finding] = [
        (int(i), "warning",
         f"{show(s.iat[i])} is not an ISO 3166-1 alpha-2 code (e.g. IQ); the hint is ignored")
        for i in np.flatnonzero(~good & present)
    ]
    return out, findings
