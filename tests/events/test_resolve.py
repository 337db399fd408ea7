"""Placing origins and targets: user coordinates, the geocoder, hints, the cache."""

from __future__ import annotations

import pandas as pd

from geomap.events import read_events
from geomap.events.resolve import PlaceCache, _swap_reason


def _events(fake_geocoder, **columns):
    n = len(next(iter(columns.values())))
    frame = pd.DataFrame({"id": [f"e{i}" for i in range(n)], "date": ["2024-02-02"] * n,
                          **columns})
    return read_events(frame, geocode=fake_geocoder)


def test_a_geocoded_name_fills_every_place_field(fake_geocoder):
    row = _events(fake_geocoder, target=["Erbil"]).frame.iloc[0]
    assert (row["target_lat"], row["target_lon"]) == (36.19, 44.01)
    assert (row["target_geocoded"], row["target_precision"], row["target_kind"]) == (
        "Erbil", "city", "city")
    assert (row["target_radius_km"], row["target_confidence"]) == (10.0, 0.9)
    assert (row["target_country_code"], row["target_source"], row["target_source_id"]) == (
        "IQ", "geonames", "95446")
    assert row.geometry.x == 44.01 and row.geometry.y == 36.19


def test_user_coordinates_override_and_keep_the_name(fake_geocoder):
    row = _events(fake_geocoder, target=["Erbil"], target_lat=["36.3"],
                  target_lon=["44.1"]).frame.iloc[0]
    assert (row["target"], row["target_lat"], row["target_lon"]) == ("Erbil", 36.3, 44.1)
    assert (row["target_precision"], row["target_source"], row["target_radius_km"]) == (
        "site", "user", 2.0)
    assert row["target_geocoded"] == "Erbil" and row["target_source_id"] is None


def test_coordinates_equal_to_a_coarser_geocode_keep_its_precision(fake_geocoder):
    row = _events(fake_geocoder, target=["Yemen"], target_lat=["15.5"],
                  target_lon=["47.5"]).frame.iloc[0]
    assert (row["target_precision"], row["target_source"], row["target_radius_km"]) == (
        "country", "naturalearth", 400.0)


def test_coordinates_without_a_name_are_a_user_site(fake_geocoder):
    events = _events(fake_geocoder, target_lat=["1"], target_lon=["2"], target_country=["YE"])
    row = events.frame.iloc[0]
    assert (row["target"], row["target_precision"], row["target_country_code"]) == (
        None, "site", "YE")
    assert fake_geocoder.calls == []


def test_no_origin_is_not_an_error(fake_geocoder):
    events = _events(fake_geocoder, target=["Erbil"])
    assert events.report.ok
    row = events.frame.iloc[0]
    assert row["origin_precision"] is None and pd.isna(row["origin_lat"])


def test_country_hint_is_passed_and_a_wrong_one_leaves_the_name_unresolved(fake_geocoder):
    events = _events(fake_geocoder, target=["Erbil", "Erbil"], target_country=["IQ", "SY"])
    assert [c[1] for c in fake_geocoder.calls] == ["IQ", "SY"]
    assert events.report.rows_mapped == 1
    assert [(p.row, p.field, p.severity) for p in events.report.problems] == [
        (3, "target", "unresolved")]
    assert events.report.unresolved_rows == {(None, 3)}


def test_each_distinct_name_is_geocoded_once_with_the_other_names_as_context(fake_geocoder):
    events = _events(fake_geocoder, origin=["Al-Qaim", "Al-Qaim", None],
                     target=["Erbil", "Erbil", "Deir ez-Zor"])
    assert len(events.frame) == 3
    asked = sorted(c[0] for c in fake_geocoder.calls)
    assert asked == ["Al-Qaim", "Deir ez-Zor", "Erbil"]
    context = dict((c[0], c[2]) for c in fake_geocoder.calls)
    assert set(context["Erbil"]) == {"Al-Qaim", "Deir ez-Zor"}


def test_cache_is_shared_across_chunks_of_a_file(tmp_path, fake_geocoder):
    path = tmp_path / "big.csv"
    path.write_text("id,target\n" + "".join(f"e{i},Erbil\n" for i in range(10)), "utf-8")
    events = read_events(path, geocode=fake_geocoder, chunksize=3)
    assert len(events.frame) == 10 and len(fake_geocoder.calls) == 1


def test_place_cache_asks_once_per_name_and_hint(fake_geocoder):
    cache = PlaceCache(fake_geocoder, ["Erbil", "", "Erbil", "Yemen"])
    assert cache.context == ("Erbil", "Yemen")
    cache.get("Erbil", None)
    cache.get("Erbil", None)
    cache.get("Erbil", "IQ")
    assert len(cache) == 2
    assert fake_geocoder.calls[0] == ("Erbil", None, ("Yemen",))


def test_swap_warning_needs_the_swapped_point_near_the_place(fake_geocoder):
    place = fake_geocoder("Erbil")
    assert _swap_reason(44.01, 36.19, place, "Erbil").endswith("look swapped")
    assert _swap_reason(36.3, 44.1, place, "Erbil") is None  # as given, it is near
    assert _swap_reason(10.0, 120.0, place, "Erbil") is None  # |lon| > 90 cannot be a lat


def test_hints_win_over_the_geocoder_where_coordinates_exist(fake_geocoder):
    frame = pd.DataFrame({"id": ["a"], "date": ["2024"], "target": ["Erbil"],
                          "target_lat": ["36.3"], "target_lon": ["44.1"],
                          "__geomap_target_precision": ["district"],
                          "__geomap_target_radius_km": ["30"]})
    row = read_events(frame, geocode=fake_geocoder).frame.iloc[0]
    assert (row["target_precision"], row["target_radius_km"]) == ("district", 30.0)
    assert "__geomap_target_precision" not in row.index


# -- with the real offline geocoder ---------------------------------------------------------------
def test_real_geocoder_places_names_and_reports_the_unknown():
    frame = pd.DataFrame({
        "id": ["a", "b", "c", "d"], "date": ["2024-01-28"] * 4,
        "origin": ["", "", "Xqzzyville", ""],
        "target": ["Tower 22", "Yemen", "Erbil", "Xqzzyville"],
        "target_lat": ["", "", "36.2", ""], "target_lon": ["", "", "44.0", ""],
    })
    events = read_events(frame)
    placed = events.frame.set_index("id")
    assert (placed.loc["a", "target_precision"], placed.loc["a", "target_country_code"]) == (
        "site", "JO")
    assert (placed.loc["b", "target_precision"], placed.loc["b", "target_kind"]) == (
        "country", "country")
    assert (placed.loc["c", "target_source"], placed.loc["c", "target_geocoded"]) == (
        "user", "Erbil")
    assert placed.loc["c", "origin_precision"] == "unresolved"
    assert [(p.row, p.field, p.severity) for p in events.report.problems] == [
        (4, "origin", "unresolved"), (5, "target", "unresolved")]
    assert events.report.summary() == (
        "4 rows: 3 mapped, 0 rejected, 1 unresolved (1 place name unresolved in mapped rows)")


def test_real_geocoder_ambiguity_names_the_candidates():
    events = read_events(pd.DataFrame({"id": ["a"], "date": ["2024"], "target": ["Springfield"]}))
    [problem] = events.report.problems
    assert problem.reason.startswith("'Springfield' is ambiguous (Springfield (US, ")
    assert problem.reason.endswith("add target_country or target_lat/target_lon")


NAMES_FOR_THE_CHEAP_CHECK = [
    "Erbil", "Site 4 near Aden", "Aden", "Gulf of Aden", "Erbil Governorate", "Syrian",
    "syrian", "BGW", "bgw", "ORBI", "Sana'a", "Al-Hudaydah", "حلب", "أربيل", "the Red Sea",
    "Mt. Hermon", "St. Petersburg", "Zzyzx Qwerty", "Kent, Ohio", "Nowhere, Texas", "  ",
    "---", "x" * 300, "Camp 5", "Route 66", "Ain al-Asad air base", "Air Base", "Province",
    "Springfield", "Georgia", "Al", "The", "Deir ez-Zor", "Kyiv", "Київ", "São Paulo",
]


def test_a_name_told_unknown_is_one_the_exact_lookup_cannot_find():
    from geomap.events.exact import exact_lookup, unknown_name, unknown_names

    told = [name for name in NAMES_FOR_THE_CHEAP_CHECK if unknown_name(name)]
    assert told == [name for name, unknown in zip(
        NAMES_FOR_THE_CHEAP_CHECK, unknown_names(NAMES_FOR_THE_CHEAP_CHECK), strict=True)
        if unknown]
    assert {"Site 4 near Aden", "Zzyzx Qwerty", "  ", "---", "x" * 300} <= set(told)
    for name in told:  # whatever the hint, the full exact lookup finds nothing either
        for hint in (None, "IQ", "US"):
            assert not exact_lookup.__wrapped__(name, hint).resolved, (name, hint)
    for name in ("Erbil", "Aden", "Gulf of Aden", "Syrian", "Kent, Ohio"):
        assert not unknown_name(name)


def test_rows_with_coordinates_and_unknown_names_ask_no_exact_lookup(tmp_path, monkeypatch):
    import geomap.events.resolve as resolve

    asked = []
    real = resolve.exact_lookup
    monkeypatch.setattr(resolve, "exact_lookup", lambda n, h: asked.append(n) or real(n, h))
    path = tmp_path / "e.csv"
    path.write_text("id,target,target_lat,target_lon\n"
                    "a,Site 1 near Aden,12.1,45.1\nb,Aden,12.77957,45.03667\n"
                    "c,Site 2 near Erbil,36.1,44.2\nd,Aden,45.03667,12.77957\n",
                    encoding="utf-8")
    events = read_events(str(path))
    assert asked == ["Aden"]
    frame = events.frame.set_index("id")
    assert frame.loc["a", "target_geocoded"] is None and frame.loc["a", "target_kind"] is None
    assert frame.loc["b", "target_geocoded"] == "Aden"
    assert [p.row for p in events.report.problems if "swapped" in p.reason] == [5]
