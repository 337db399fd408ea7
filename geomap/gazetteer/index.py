"""The embedded gazetteer: entries, their normalised aliases, and the region's area polygons.

Built by ``scripts/rebuild_gazetteer.py`` into ``geomap/data/gazetteer.idx`` and
``geomap/data/areas.idx`` (see :mod:`geomap.gazetteer._store` for the format). Loading reads
the file once and decodes sections lazily: a single lookup touches the key list, the postings
and a few entry columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from geomap.errors import GazetteerError
from geomap.gazetteer._store import Store
from geomap.gazetteer.normalize import split_generic
from geomap.gazetteer.sorted_strings import SortedStrings

__all__ = [
    "Entry",
    "Posting",
    "Gazetteer",
    "load_gazetteer",
    "FLAG_PRIMARY",
    "FLAG_CODE",
    "FLAG_DEMONYM",
    "INDEX_FILE",
    "AREAS_FILE",
    "FORMAT_VERSION",
]

INDEX_FILE = "gazetteer.idx"
AREAS_FILE = "areas.idx"
FORMAT_VERSION = 1
#: posting flag: the alias is the entry's own name
FLAG_PRIMARY = 1
#: posting flag: the alias is a code (IATA, ICAO, ISO alpha-3 ...), matched only as typed
FLAG_CODE = 2
#: posting flag: the alias is a demonym or adjective (``Syrian``): never a town's name
FLAG_DEMONYM = 4
#: posting flag: the alias is an abbreviation news writes (``U.S.``, ``UAE``, ``W.Va.``)
FLAG_ABBREVIATION = 8


class Entry(NamedTuple):
    """One gazetteer record."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    precision: str
    country_code: str | None
    admin1: str | None
    population: int
    radius_km: float | None
    source: str
    source_id: str
    prominence: float


class Posting(NamedTuple):
    """One (alias, entry) pair behind a key: the entry index, the alias's generic class, flags."""

    entry: int
    generic: str | None
    flags: int


_ENTRY_COLUMNS = (
    "e_source", "e_source_id", "e_admin1", "e_country", "e_radius", "e_name", "e_lat", "e_lon",
    "e_kind", "e_precision", "e_population", "e_prominence", "t_admin1",
)


def _data_dir() -> Path:
    return Path(str(resources.files("geomap") / "data"))


class Gazetteer:
    """Read-only access to the shipped index.

    Parameters
    ----------
    path : path-like, optional
        The index file; default ``geomap/data/gazetteer.idx``.
    areas_path : path-like, optional
        The area polygons; default ``geomap/data/areas.idx``.
    """

    def __init__(self, path: Path | str | None = None, areas_path: Path | str | None = None):
        self._store = Store(path or _data_dir() / INDEX_FILE)
        if self._store.meta.get("format") != FORMAT_VERSION:
            raise GazetteerError(f"{self._store.path}: index format is not {FORMAT_VERSION}")
        self._areas_path = Path(areas_path) if areas_path else _data_dir() / AREAS_FILE
        self._areas: Store | None = None
        self._area_keys: dict[tuple[str, str], int] | None = None
        t = self._store.get
        self._kinds: list[str] = t("t_kinds")
        self._precisions: list[str] = t("t_precisions")
        self._sources: list[str] = t("t_sources")
        self._countries: list[str] = t("t_countries")
        self._generics: list[str] = t("t_generics")
        self._n = len(t("e_lat"))
        self._entry_cache: dict[int, Entry] = {}
        self._region: frozenset[str] | None = None
        self._posting_cache: dict[int, tuple[Posting, ...]] = {}
        self._sorted: dict[str, SortedStrings] = {}
        self._columns: tuple[Any, ...] | None = None
        self._posting_columns: tuple[Any, ...] | None = None
        self._regional: bytes | None = None
        self._form_tables: dict[str, dict[str, int]] = {}

    # -- size and metadata -------------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    @property
    def meta(self) -> dict[str, Any]:
        """Build metadata: counts, inputs, checksum."""
        return dict(self._store.meta)

    # -- entries ----------------------------------------------------------------------
    def entry(self, i: int) -> Entry:
        """Return entry ``i`` (``0 <= i < len(self)``)."""
        cached = self._entry_cache.get(i)
        if cached is not None:
            return cached
        if not 0 <= i < self._n:
            raise IndexError(f"gazetteer entry {i} out of range (0..{self._n - 1})")
        entry = self._build_entry(i)
        self._entry_cache[i] = entry
        return entry

    def _entry_columns(self) -> tuple[Any, ...]:
        """The entry columns an :class:`Entry` is built from, fetched once."""
        cols = self._columns
        if cols is None:
            g = self._store.get
            cols = self._columns = tuple(g(name) for name in _ENTRY_COLUMNS)
        return cols

    def _build_entry(self, i: int) -> Entry:
        (sources, source_ids, admin1s, countries, radii, names, lats, lons, kinds, precisions,
         populations, prominences, admin1_names) = self._entry_columns()
        source = self._sources[sources[i]]
        source_id = source_ids[i]
        admin_i = admin1s[i]
        radius = radii[i]
        return tuple.__new__(Entry, (  # positional, in field order, without NamedTuple.__new__
            f"{source}:{source_id}",
            names[i],
            lats[i],
            lons[i],
            self._kinds[kinds[i]],
            self._precisions[precisions[i]],
            self._countries[countries[i]] or None,
            admin1_names[admin_i] if admin_i >= 0 else None,
            populations[i],
            round(float(radius), 1) if radius > 0 else None,
            source,
            source_id,
            round(float(prominences[i]), 4),
        ))

    def country_of(self, i: int) -> str | None:
        """Country code of entry ``i`` without building the whole entry."""
        return self._countries[self._store.get("e_country")[i]] or None

    def point(self, i: int) -> tuple[float, float]:
        """``(lon, lat)`` of entry ``i``."""
        return self._store.get("e_lon")[i], self._store.get("e_lat")[i]

    def kind_of(self, i: int) -> str:
        """Kind of entry ``i``."""
        return self._kinds[self._store.get("e_kind")[i]]

    def prominence(self, i: int) -> float:
        """Prominence of entry ``i`` (0..~1.2: population, capital, admin level, kind)."""
        return float(self._store.get("e_prominence")[i])

    def radius_km(self, i: int) -> float | None:
        """The entry's own uncertainty radius, or None for the precision default."""
        r = self._store.get("e_radius")[i]
        # stored as float32: 18.9 comes back 18.899999618530273; radii are given to 0.1 km
        return round(float(r), 1) if r > 0 else None

    def prominence_column(self) -> Any:
        """Every entry's prominence, indexed by entry (a read-only array, for batch scans)."""
        return self._store.get("e_prominence")

    # -- keys -------------------------------------------------------------------------
    def posting_columns(self) -> tuple[Any, Any, Any]:
        """``(offsets, entries, flags)``: the postings of the key at position ``k`` of
        :meth:`keys` are ``entries[offsets[k]:offsets[k + 1]]`` with their ``flags``
        (read-only arrays, for batch scans such as the fuzzy index)."""
        g = self._store.get
        return g("k_offsets"), g("p_entry"), g("p_flags")

    def keys(self) -> list[str]:
        """The sorted core keys (normalised names without generic words)."""
        return self._store.get("k_keys")

    def _table(self, name: str) -> SortedStrings:
        table = self._sorted.get(name)
        if table is None:
            offsets = self._store.get(name + "_bytes")
            table = self._sorted[name] = SortedStrings(self._store.raw(name), offsets)
        return table

    def warm(self) -> None:
        """Decode the key tables into lists and note which entries lie in :attr:`region`:
        slower to start, faster per lookup (batches)."""
        for name in ("k_keys", "x_keys"):
            self._table(name).use_list(self._store.get(name))
        self.regional_mask()

    def postings(self, core: str) -> tuple[Posting, ...]:
        """Postings filed under a core key (exact, already normalised and split)."""
        pos = self._table("k_keys").find(core)
        return self.postings_at(pos) if pos >= 0 else ()

    def postings_at(self, pos: int) -> tuple[Posting, ...]:
        """Postings of the key at position ``pos`` of :meth:`keys`."""
        cached = self._posting_cache.get(pos)
        if cached is not None:
            return cached
        cols = self._posting_columns
        if cols is None:
            g = self._store.get
            generics = [gen or None for gen in self._generics]
            cols = self._posting_columns = (
                g("k_offsets"), g("p_entry"), g("p_generic"), g("p_flags"), generics
            )
        off, ents, gens, flags, generics = cols
        new = tuple.__new__  # NamedTuple without its Python __new__
        found = tuple([
            new(Posting, (ents[j], generics[gens[j]], flags[j]))
            for j in range(off[pos], off[pos + 1])
        ])
        self._posting_cache[pos] = found
        return found

    def exact_entries(self, form: str) -> tuple[int, ...]:
        """Entries with an alias whose :func:`exact_form` is ``form`` (the name as typed)."""
        pos = self._table("x_keys").find(form)
        if pos < 0:
            return ()
        off, ents = self._store.get("x_offsets"), self._store.get("x_entry")
        return tuple(ents[off[pos] : off[pos + 1]])

    @property
    def region(self) -> frozenset[str]:
        """Countries indexed down to small villages; candidates there are preferred."""
        if self._region is None:
            self._region = frozenset(self._store.meta.get("region", ()))
        return self._region

    def regional_mask(self) -> bytes:
        """One byte per entry, 1 where :meth:`in_region` (computed once per process)."""
        if self._regional is None:
            self._regional = bytes(self._in_region(i) for i in range(self._n))
        return self._regional

    def in_region(self, i: int) -> bool:
        """Entry ``i`` lies in :attr:`region` (curated seas and straits count as in it)."""
        regional = self._regional
        if regional is not None and 0 <= i < self._n:
            return regional[i] == 1
        return self._in_region(i)

    def _in_region(self, i: int) -> bool:
        cc = self.country_of(i)
        if cc:
            return cc in self.region
        return self._sources[self._store.get("e_source")[i]] == "curated"

    def lookup(self, normalised: str) -> list[Entry]:
        """Entries whose alias normalises to ``normalised`` (its generic word ignored).

        ``normalised`` is the output of :func:`normalize_name`, e.g.
        ``lookup(normalize_name("Deir ez-Zor"))``.
        """
        if not isinstance(normalised, str):
            return []
        core, _generic = split_generic(normalised)
        seen: dict[int, None] = {}
        for p in self.postings(core):
            seen.setdefault(p.entry)
        return [self.entry(i) for i in seen]

    def iter_aliases(self) -> Iterator[tuple[str, int]]:
        """Yield ``(normalised alias, entry index)`` for every alias (codes left out).

        The aliases keep their generic words (``"rid sia"`` for Red Sea), so a text scanner
        built from them does not fire on a bare ``red``.
        """
        names = self._store.get("a_alias")
        entries = self._store.get("a_entry")
        for j, alias in enumerate(names):
            yield alias, entries[j]

    def demonyms(self) -> dict[str, int]:
        """Demonyms and adjectives as written (``Syrian``, ``Texans``) -> the entry they stand
        for (a country, an area or a first-level division)."""
        return self._forms("d")

    def abbreviations(self) -> dict[str, int]:
        """Abbreviations as written (``U.S.``, ``UAE``, ``W.Va.``, ``Calif.``) -> the country or
        first-level division they stand for (``data/country_aliases.csv``,
        ``data/admin1_aliases.csv``: an alias written with a full stop or in capitals)."""
        return self._forms("ab")

    def _forms(self, prefix: str) -> dict[str, int]:
        """The ``{prefix}_forms`` / ``{prefix}_entry`` sections as a dict (read once)."""
        table = self._form_tables.get(prefix)
        if table is None:
            forms = self._store.get(f"{prefix}_forms") if f"{prefix}_forms" in self._store else []
            entries = self._store.get(f"{prefix}_entry") if forms else []
            table = self._form_tables[prefix] = dict(zip(forms, entries, strict=True))
        return table

    # -- areas ------------------------------------------------------------------------
    def area(self, source: str, source_id: str) -> Any:
        """The polygon of an entry (a shapely geometry), or None when none is shipped.

        Seas, gulfs and straits of the region come from Natural Earth (``source`` =
        ``"naturalearth"``), countries of the region under ``("pycountry", alpha2)``.
        """
        if self._area_keys is None:
            if not self._areas_path.exists():
                self._area_keys = {}
            else:
                self._areas = Store(self._areas_path)
                srcs = self._areas.get("source")
                ids = self._areas.get("source_id")
                pairs = zip(srcs, ids, strict=True)
                self._area_keys = {(s, i): n for n, (s, i) in enumerate(pairs)}
        n = self._area_keys.get((source, str(source_id)))
        if n is None or self._areas is None:
            return None
        import shapely

        off = self._areas.get("offsets")
        wkb = self._areas.get("wkb")[off[n] : off[n + 1]]
        return shapely.from_wkb(wkb)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load the shipped gazetteer once per process and return it.

    Raises
    ------
    GazetteerError
        When ``geomap/data/gazetteer.idx`` is missing or corrupt (reinstall geomap or run
        ``python scripts/rebuild_gazetteer.py``).
    """
    return Gazetteer()
