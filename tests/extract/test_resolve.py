"""Plausibility and ranking of gazetteer entries in an article's context."""

from __future__ import annotations

from typing import NamedTuple

from geomap.extract.resolve import Context, plausible, rank, similarity


class E(NamedTuple):
    name: str
    kind: str
    country_code: str | None
    population: int = 0
    prominence: float = 0.5


def test_similarity_ignores_articles_case_and_diacritics():
    assert similarity("al-Qaim", "Al Qā’im") == 1.0
    assert similarity("Deir ez-Zor", "Deir ez-Zor Governorate") == 1.0
    assert similarity("Biden", "Vidin") < 0.85


def test_country_is_always_plausible_a_far_small_town_is_not():
    ctx = Context()
    ctx.add_country("IQ")
    assert plausible(E("Jordan", "country", "JO"), "Jordan", ctx, multiword=False)
    assert not plausible(E("Alor Setar", "city", "MY", 400_000), "The", ctx, multiword=False)
    assert plausible(E("Arāk", "city", "IR", 500_000), "Arak", Context(), multiword=False)


def test_town_in_a_named_country_is_plausible():
    ctx = Context()
    ctx.add_country("YE")
    assert plausible(E("Al Ḩudaydah", "city", "YE", 700_000), "Hodeidah", ctx, multiword=False)
    # Outside the article's countries only a large town written as named (after the
    # gazetteer's transliteration rules: Hodeidah = Al Hudaydah) is believed, not a small one.
    assert plausible(E("Al Ḩudaydah", "city", "YE", 700_000), "Hodeidah", Context(),
                     multiword=False)
    assert not plausible(E("Al Ḩudaydah", "city", "YE", 40_000), "Hodeidah", Context(),
                         multiword=False)
    assert not plausible(E("Al Mukalla", "city", "YE", 700_000), "Hodeidah", Context(),
                         multiword=False)


def test_strict_asks_for_the_name_as_written_and_a_named_country():
    ctx = Context()
    ctx.add_country("IR")
    town = E("Ma‘şūmīyeh", "city", "IR", 20_000)
    assert plausible(town, "Shaabi", ctx, multiword=False) is True
    assert not plausible(town, "Shaabi", ctx, multiword=False, strict=True)
    assert not plausible(E("Maritime Region", "admin1", "TG", 3_000_000), "Maritime", ctx,
                         multiword=False, strict=True)


def test_rank_prefers_the_article_country_then_generic_fit():
    ctx = Context()
    ctx.add_country("LB", 2)
    lb = E("Tripoli", "city", "LB", 229_398, 0.77)
    ly = E("Tripoli", "capital", "LY", 1_302_947, 0.89)
    assert rank([(1, ly), (2, lb)], "Tripoli", None, ctx)[0][1] == 2
    ctx.add_country("SY")
    city = E("Deir ez-Zor", "city", "SY", 270_000, 0.7)
    prov = E("Deir ez-Zor Governorate", "admin1", "SY", 450_000, 0.8)
    assert rank([(1, city), (2, prov)], "Deir ez-Zor", "admin1", ctx)[0][1] == 2
    assert rank([(1, city), (2, prov)], "Deir ez-Zor", None, ctx)[0][1] == 1


def test_dateline_country_comes_first_in_codes():
    ctx = Context()
    ctx.add_country("US", 5)
    ctx.add_country("IQ")
    ctx.dateline_country = "IQ"
    assert ctx.codes() == ("IQ", "US")


def test_a_hamlet_known_by_another_name_is_not_believed():
    ctx = Context()
    ctx.add_country("IL")
    assert not plausible(E("Menaẖemya", "city", "IL", 1033), "Bekaa", ctx, multiword=False)
    assert plausible(E("Meron", "city", "IL", 985), "Meron", ctx, multiword=False)


def test_rank_does_not_prefer_a_small_namesake_in_the_article_country():
    ctx = Context()
    ctx.add_country("US", 6)
    ohio = E("London", "city", "US", 10_060, 0.57)
    capital = E("London", "capital", "GB", 8_961_989, 1.01)
    assert rank([(1, ohio), (2, capital)], "London", None, ctx)[0][1] == 2
