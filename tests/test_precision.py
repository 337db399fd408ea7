import pytest

from geomap.precision import (
    ACLED_GEO_PRECISION,
    DEFAULT_RADIUS_KM,
    GDELT_GEO_TYPE,
    PRECISIONS,
    RESOLVED_PRECISIONS,
    UCDP_WHERE_PREC,
    coarser,
    precision_from_acled,
)


def test_scale_is_ordered_fine_to_coarse_and_ends_unresolved():
    assert PRECISIONS[0] == "site"
    assert PRECISIONS[-1] == "unresolved"
    assert "unresolved" not in RESOLVED_PRECISIONS


def test_every_resolved_level_has_a_radius_and_a_mapping():
    for table in (DEFAULT_RADIUS_KM, ACLED_GEO_PRECISION, UCDP_WHERE_PREC, GDELT_GEO_TYPE):
        assert set(table) == set(RESOLVED_PRECISIONS)
    radii = [DEFAULT_RADIUS_KM[p] for p in ("site", "city", "district", "admin1", "country")]
    assert radii == sorted(radii), "radius must grow as precision coarsens"


@pytest.mark.parametrize(
    ("code", "level"), [(1, "city"), (2, "district"), (3, "admin1"), ("2", "district")]
)
def test_precision_from_acled(code, level):
    assert precision_from_acled(code) == level


@pytest.mark.parametrize("bad", [0, 4, "x", None])
def test_precision_from_acled_rejects_unknown_codes(bad):
    with pytest.raises(ValueError, match="geo_precision"):
        precision_from_acled(bad)


def test_coarser():
    assert coarser("site", "country") == "country"
    assert coarser("region", "city") == "region"
    assert coarser("unresolved", "site") == "unresolved"
