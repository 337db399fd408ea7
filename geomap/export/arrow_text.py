"""GeoJSON text built column by column in Arrow: a whole block of features as UTF-8 bytes.

The texts are exactly the ones :func:`geomap.export.encode.encode_column` and
:func:`geomap.export.encode.encode_geometries` write (they own the rules); this module only
computes them for a whole column at once, in Arrow's C++ kernels, for the common types:

* strings: quoted by Arrow; a value with ``"``, ``\\`` or a control character is escaped by
  :func:`json.encoder.encode_basestring` (the rule's owner), the rest need no escaping;
* integers: Arrow's decimal text (the same digits as ``str``);
* floats: Arrow's shortest round-trip text where it is the same as ``repr`` (a decimal point,
  no exponent, ``1e-4 <= |x| < 1e16``, not a whole number); every other value by the owner;
* one source each (1-tuples of strings): the strings' texts in ``[`` and ``]``;
* anything else (other tuples, dates, booleans, mixed objects): the owner's texts.

The rows are then joined with the literal JSON around them by one Arrow kernel, and the
block's bytes are taken from the result's buffer: no Python string per feature.
"""

from __future__ import annotations

from collections.abc import Sequence
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geomap.export.encode import encode_column

__all__ = ["Texts", "column_texts", "float_texts", "string_texts", "join_rows"]

#: A column's JSON texts: one text for every row (``str``), or an Arrow string array whose
#: values are written between a prefix and a suffix (``'"'`` around strings that need no
#: escaping, ``'["'`` and ``'"]'`` around the one source of each row ...).
Texts = str | tuple[pa.Array, str, str]

#: A value holding one of these bytes must be escaped (``"``, ``\\``, control characters).
_ESCAPED = r'[\x00-\x1f"\\]'
#: Rows joined by one Arrow call at most.
_SLICE_ROWS = 20_000
#: Bytes a joined slice may hold with 32-bit string offsets (else it is joined as
#: ``large_string``: rows of huge areas or texts).
_LIMIT = 2**31 - 1


def _pick(texts: pa.Array, mask: np.ndarray, values: list[str]) -> pa.Array:
    """``texts`` with the rows of ``mask`` replaced by ``values`` (in row order)."""
    return pc.replace_with_mask(texts, pa.array(mask), pa.array(values, type=pa.string()))


def string_texts(values: np.ndarray) -> Texts | None:
    """JSON texts of an object array of ``str`` and missing values; None when Arrow cannot
    hold the values (a lone surrogate, say): the caller then uses the owner's texts."""
    try:
        array = pa.array(values, type=pa.string(), from_pandas=True)
    except (pa.ArrowException, UnicodeError):
        return None
    if array.null_count == len(array):
        return "null"
    data = array.buffers()[2]
    escape = False
    if data is not None and data.size:
        raw = np.frombuffer(data, dtype=np.uint8)
        escape = bool(((raw < 0x20) | (raw == 0x22) | (raw == 0x5C)).any())
    if not escape and array.null_count == 0:
        return array, '"', '"'
    texts = pc.binary_join_element_wise('"', array, '"', "")
    if escape:
        mask = pc.match_substring_regex(array, _ESCAPED).fill_null(False).to_numpy(
            zero_copy_only=False)
        if mask.any():
            texts = _pick(texts, mask, [encode_basestring(v) for v in values[mask].tolist()])
    return pc.fill_null(texts, "null"), "", ""


def _same_string(values: np.ndarray) -> str | None:
    """The one text of a column whose every value is the same string (a role, a claim, a
    precision ...: a literal of the row, not a column to convert and join); else None."""
    first = values[0]
    if type(first) is not str or values[-1] != first or values[len(values) // 2] != first:
        return None  # most columns that differ, told at once
    return encode_basestring(first) if bool((values == first).all()) else None


def _one_string_each(values: np.ndarray) -> Texts | None:
    """Texts of a column of 1-tuples of ``str`` (one source each: the common case), written
    as JSON arrays; None for any other column."""
    items = values.tolist()
    if not items or type(items[0]) is not tuple or set(map(type, items)) != {tuple}:
        return None
    if set(map(len, items)) != {1}:
        return None
    firsts = list(map(itemgetter(0), items))
    if set(map(type, firsts)) != {str}:
        return None
    texts = string_texts(np.array(firsts, dtype=object))
    if texts is None or isinstance(texts, str):
        return None
    array, prefix, suffix = texts
    return array, "[" + prefix, suffix + "]"


def float_texts(values: np.ndarray) -> Texts:
    """JSON texts of float64 values (``null`` for NaN and infinities)."""
    values = np.asarray(values, dtype=np.float64)
    if not len(values):
        return pa.array([], type=pa.string()), "", ""
    finite = np.isfinite(values)
    if not finite.any():
        return "null"
    if finite.all() and (values == values[0]).all():
        return encode_column(pd.Series(values[:1]))[0]
    texts = pc.cast(pa.array(values), pa.string())
    size = np.abs(np.where(finite, values, 0.0))
    with np.errstate(invalid="ignore"):
        odd = ~finite | (size < 1e-4) | (size >= 1e16) | (values == np.trunc(values))
    odd |= pc.match_substring(texts, "e").to_numpy(zero_copy_only=False)
    if odd.any():
        texts = _pick(texts, odd, encode_column(pd.Series(values[odd])))
    return texts, "", ""


def _integer_texts(series: pd.Series) -> Texts | None:
    try:
        array = pa.array(series.array)
    except (pa.ArrowException, TypeError):
        return None
    if not pa.types.is_integer(array.type):
        return None
    if array.null_count == len(array):
        return "null"
    return pc.fill_null(pc.cast(array, pa.string()), "null"), "", ""


def column_texts(series: pd.Series) -> Texts:
    """The JSON texts of every value of ``series``, as ``encode_column`` writes them."""
    dtype = series.dtype
    texts: Texts | None = None
    if pd.api.types.is_float_dtype(dtype):
        texts = float_texts(series.to_numpy(dtype=float, na_value=np.nan))
    elif pd.api.types.is_integer_dtype(dtype):
        texts = _integer_texts(series)
    elif pd.api.types.is_object_dtype(dtype):
        kind = pd.api.types.infer_dtype(series, skipna=True)
        if kind == "empty":
            texts = "null"
        elif kind == "string":
            values = series.to_numpy(dtype=object)
            texts = _same_string(values) or string_texts(values)
        elif kind == "mixed":
            texts = _one_string_each(series.to_numpy(dtype=object))
    if texts is None:
        texts = pa.array(encode_column(series), type=pa.string()), "", ""
    return texts


def join_rows(pieces: Sequence[str | pa.Array], *, between: str = "") -> pa.Buffer:
    """UTF-8 bytes of every row's pieces joined, rows separated by ``between`` (an Arrow
    buffer: the joined values' own memory, not copied into a ``bytes``).

    ``pieces`` alternate literal text and columns of texts (Arrow string arrays of one
    length, without nulls); a literal may stand anywhere, adjacent literals are merged.
    """
    merged: list[Any] = []
    rows = None
    for piece in pieces:
        if isinstance(piece, str):
            if merged and isinstance(merged[-1], str):
                merged[-1] += piece
            else:
                merged.append(piece)
        else:
            rows = len(piece)
            merged.append(piece)
    if rows is None:
        raise ValueError("join_rows needs at least one column")
    if not rows:
        return pa.py_buffer(b"")
    if isinstance(merged[-1], str):
        merged[-1] += between
    else:
        merged.append(between)
    literal = sum(len(p.encode("utf-8")) for p in merged if isinstance(p, str))
    out = []
    for start in range(0, rows, _SLICE_ROWS):
        args = [p if isinstance(p, str) else p.slice(start, _SLICE_ROWS) for p in merged]
        count = min(_SLICE_ROWS, rows - start)
        if sum(a.nbytes for a in args if not isinstance(a, str)) + count * literal >= _LIMIT:
            args = [pa.scalar(a, pa.large_string()) if isinstance(a, str) else
                    a.cast(pa.large_string()) for a in args]  # 64-bit offsets
            args.append(pa.scalar("", pa.large_string()))  # the separator
        else:
            args.append("")
        last = start + count >= rows  # the last row has no ``between``
        out.append(_data(pc.binary_join_element_wise(*args),
                         len(between.encode("utf-8")) if last else 0))
    return out[0] if len(out) == 1 else pa.py_buffer(b"".join(out))


def _data(joined: pa.Array, cut: int) -> pa.Buffer:
    """The bytes of every value of a string array, one after the other, less the last
    ``cut`` bytes (a slice of its data buffer)."""
    wide = pa.types.is_large_string(joined.type)
    offsets = np.frombuffer(joined.buffers()[1], dtype=np.int64 if wide else np.int32)
    start, end = int(offsets[joined.offset]), int(offsets[joined.offset + len(joined)])
    return joined.buffers()[2].slice(start, end - cut - start)
