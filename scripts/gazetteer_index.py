"""Build-time helper: turn raw gazetteer records into the sections of ``gazetteer.idx``.

Deterministic: the same records in the same order give the same sections, byte for byte,
and the same ``checksum`` in the metadata (sha256 over the uncompressed sections).
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from typing import Any

from geomap.gazetteer.index import (
    FLAG_ABBREVIATION,
    FLAG_CODE,
    FLAG_DEMONYM,
    FLAG_PRIMARY,
    FORMAT_VERSION,
)
from geomap.gazetteer.normalize import exact_form, normalize_name, split_generic

__all__ = ["build_index", "precision_of", "sections_checksum", "KINDS"]

KINDS = (
    "country admin1 district city capital base airbase airport port terminal oilfield gasfield "
    "dam island strait sea gulf canal region crossing site"
).split()
_SITE_KINDS = frozenset(
    "base airbase airport port terminal oilfield gasfield dam crossing site".split()
)
_WATER = frozenset(("sea", "gulf", "strait", "canal"))


def precision_of(kind: str, radius_km: float | None) -> str:
    """Precision level of an entry from its kind (and, for islands/areas, its radius)."""
    if kind in ("country", "admin1", "district"):
        return kind
    if kind in ("city", "capital"):
        return "city"
    if kind in _WATER:
        return "region"
    if kind in _SITE_KINDS:
        return "site"
    r = radius_km if radius_km is not None else 100.0
    if kind == "island" and r <= 5:
        return "site"
    if kind == "island" and r <= 15:
        return "city"
    if r <= 40:
        return "district"
    if r <= 150:
        return "admin1"
    return "region"


def _table(values: list[str]) -> tuple[list[str], dict[str, int]]:
    table = sorted(set(values))
    return table, {v: i for i, v in enumerate(table)}


def _entry_sections(records: list[dict[str, Any]]) -> dict[str, Any]:
    for r in records:
        if r["kind"] not in KINDS:
            raise ValueError(f"{r['source']}:{r['source_id']}: unknown kind {r['kind']!r}")
    kinds, kind_i = _table([r["kind"] for r in records])
    sources, source_i = _table([r["source"] for r in records])
    ccs, cc_i = _table([r["cc"] or "" for r in records])
    admins, admin_i = _table([r["admin1"] for r in records if r["admin1"]])
    precs = [precision_of(r["kind"], r["radius_km"]) for r in records]
    prec_table, prec_i = _table(precs)
    return {
        "t_kinds": kinds,
        "t_sources": sources,
        "t_countries": ccs,
        "t_admin1": admins,
        "t_precisions": prec_table,
        "e_name": [r["name"].replace("\n", " ") for r in records],
        "e_source_id": [str(r["source_id"]) for r in records],
        "e_lat": array("d", (float(r["lat"]) for r in records)),
        "e_lon": array("d", (float(r["lon"]) for r in records)),
        "e_kind": array("B", (kind_i[r["kind"]] for r in records)),
        "e_precision": array("B", (prec_i[p] for p in precs)),
        "e_source": array("B", (source_i[r["source"]] for r in records)),
        "e_country": array("H", (cc_i[r["cc"] or ""] for r in records)),
        "e_admin1": array("i", (admin_i[r["admin1"]] if r["admin1"] else -1 for r in records)),
        "e_population": array("q", (int(r["population"]) for r in records)),
        "e_radius": array("f", (float(r["radius_km"] or 0.0) for r in records)),
        "e_prominence": array("f", (float(r["prominence"]) for r in records)),
    }


def _flagged_sections(records: list[dict[str, Any]], flag: int, prefix: str) -> dict[str, Any]:
    """The aliases carrying ``flag`` as written and their entries (``{prefix}_forms``,
    ``{prefix}_entry``): tables the text extractor reads, so that they have one owner."""
    pairs = sorted(
        {(text, i) for i, r in enumerate(records) for text, flags in r["aliases"] if flags & flag}
    )
    return {f"{prefix}_forms": [t for t, _i in pairs],
            f"{prefix}_entry": array("i", (i for _t, i in pairs))}


def _postings(
    records: list[dict[str, Any]],
) -> tuple[dict[str, dict[tuple[int, str], int]], set, set]:
    """core key -> {(entry, generic): flags}; (alias, entry) pairs; (exact form, entry) pairs."""
    by_core: dict[str, dict[tuple[int, str], int]] = {}
    alias_pairs: set[tuple[str, int]] = set()
    exact_pairs: set[tuple[str, int]] = set()
    for i, r in enumerate(records):
        for text, flags in r["aliases"]:
            norm = normalize_name(text)
            if not norm:
                continue
            core, generic = split_generic(norm)
            slot = by_core.setdefault(core, {})
            key = (i, generic or "")
            cur = slot.get(key)
            posted = flags & ~FLAG_ABBREVIATION  # a table of its own (ab_forms), not a posting's
            if cur is None:
                slot[key] = posted
            else:
                kept = cur & posted & (FLAG_CODE | FLAG_DEMONYM)  # only when every alias is one
                slot[key] = ((cur | posted) & FLAG_PRIMARY) | kept
            if not flags & FLAG_CODE:
                exact_pairs.add((exact_form(text), i))
            if not flags & (FLAG_CODE | FLAG_DEMONYM):
                alias_pairs.add((norm, i))
    return by_core, alias_pairs, exact_pairs


def _byte_offsets(strings: list[str]) -> array:
    """Start of each string in ``"\n".join(strings)`` encoded as UTF-8, plus the end + 1."""
    out, pos = array("I", [0]), 0
    for s in strings:
        pos += len(s.encode("utf-8")) + 1
        out.append(pos)
    return out


def _exact_sections(pairs: set[tuple[str, int]]) -> tuple[list[str], array, array]:
    keys: list[str] = []
    offsets, entries = array("i", [0]), array("i")
    for form, entry in sorted(pairs):
        if not form:
            continue
        if not keys or keys[-1] != form:
            if keys:
                offsets.append(len(entries))
            keys.append(form)
        entries.append(entry)
    offsets.append(len(entries))
    return keys, offsets, entries


def sections_checksum(sections: dict[str, Any]) -> str:
    """sha256 over every section's name and uncompressed bytes, in name order."""
    h = hashlib.sha256()
    for name in sorted(sections):
        value = sections[name]
        raw = value.tobytes() if isinstance(value, array | memoryview) else (
            value if isinstance(value, bytes) else "\n".join(value).encode("utf-8")
        )
        h.update(name.encode() + b"\0" + raw + b"\0")
    return h.hexdigest()


def build_index(
    records: list[dict[str, Any]], inputs: dict[str, str], region: tuple[str, ...] = ()
) -> tuple[dict, dict]:
    """Return ``(sections, meta)`` for :func:`geomap.gazetteer._store.write_store`."""
    sections = _entry_sections(records)
    # demonyms (``Syrian``: data/demonyms.csv), abbreviations (``U.S.``, ``W.Va.``)
    sections.update(_flagged_sections(records, FLAG_DEMONYM, "d"))
    sections.update(_flagged_sections(records, FLAG_ABBREVIATION, "ab"))
    by_core, alias_pairs, exact_pairs = _postings(records)
    generics, gen_i = _table(["", *(g for s in by_core.values() for _e, g in s)])
    keys = sorted(by_core)
    offsets, p_entry, p_gen, p_flags = array("i", [0]), array("i"), array("B"), array("B")
    for key in keys:
        for entry, generic in sorted(by_core[key]):
            p_entry.append(entry)
            p_gen.append(gen_i[generic])
            p_flags.append(by_core[key][(entry, generic)])
        offsets.append(len(p_entry))
    pairs = sorted(alias_pairs)
    x_keys, x_offsets, x_entry = _exact_sections(exact_pairs)
    sections["k_keys_bytes"] = _byte_offsets(keys)
    sections["x_keys_bytes"] = _byte_offsets(x_keys)
    sections.update(
        {
            "t_generics": generics,
            "k_keys": keys,
            "k_offsets": offsets,
            "p_entry": p_entry,
            "p_generic": p_gen,
            "p_flags": p_flags,
            "x_keys": x_keys,
            "x_offsets": x_offsets,
            "x_entry": x_entry,
            "a_alias": [a for a, _i in pairs],
            "a_entry": array("i", (i for _a, i in pairs)),
        }
    )
    meta = {
        "format": FORMAT_VERSION,
        "entries": len(records),
        "keys": len(keys),
        "postings": len(p_entry),
        "aliases": len(pairs),
        "by_source": dict(sorted(Counter(r["source"] for r in records).items())),
        "by_kind": dict(sorted(Counter(r["kind"] for r in records).items())),
        "inputs": dict(sorted(inputs.items())),
        "region": sorted(region),
        "checksum": sections_checksum(sections),
    }
    return sections, meta
