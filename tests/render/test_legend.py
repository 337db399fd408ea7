"""The legend follows the layers present."""

from __future__ import annotations

import geopandas as gpd

from geomap.render.legend import build_legend
from geomap.render.payload import LAYER_NAMES, build_layers


def test_legend_sections_follow_layers(seed_like: gpd.GeoDataFrame) -> None:
    layers = build_layers(seed_like)["layers"]
    legend = build_legend(layers, LAYER_NAMES, killed_max=6)
    roles = [s["role"] for s in legend]
    assert roles == ["target", "origin", "path", "halo"]
    target = legend[0]
    shapes = [i["shape"] for i in target["items"] if "size" in i and "killed" not in i["label"]]
    assert shapes == ["triangle", "diamond"]
    assert [i["label"] for i in target["items"] if "killed" in i["label"]] == ["1 killed",
                                                                              "6 killed"]
    halos = [i["halo"] for i in legend[3]["items"]]
    assert halos == ["site", "country"]


def test_legend_without_origins_and_casualties(seed_like: gpd.GeoDataFrame) -> None:
    targets_only = seed_like[seed_like["role"] == "target"]
    layers = build_layers(targets_only)["layers"]
    names = {**LAYER_NAMES, "target": "<b>Hits</b>"}
    legend = build_legend(layers, names)
    assert [s["role"] for s in legend] == ["target", "halo"]
    assert legend[0]["title"] == "<b>Hits</b>"  # text, the page puts it in with textContent
    assert not any("killed" in i["label"] for i in legend[0]["items"])
