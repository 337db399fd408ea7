"""The legend, built from the layers a map actually has.

Each entry names what a reader sees: the shapes of the place kinds present, symbol sizes for
the casualties present, the path style, and one halo per precision present. The browser and
the printed map draw the same entries.
"""

from __future__ import annotations

from typing import Any

from geomap.precision import DEFAULT_RADIUS_KM, PRECISIONS
from geomap.render.symbols import HALO_BLUR, SHAPE_LABELS, SHAPES, size_for

__all__ = ["build_legend", "halo_caption"]

_SIZE_STEPS = (1, 10, 100)


def _shapes(layer: dict[str, Any]) -> list[str]:
    present = set(layer["p"]["sym"])
    return [s for s in SHAPES if s in present]


def _precisions(layers: dict[str, Any]) -> list[str]:
    present = {
        p
        for role in ("target", "origin")
        for p, r in zip(layers[role]["p"]["p"], layers[role]["p"]["r"], strict=True)
        if r
    }
    return [p for p in PRECISIONS if p in present]


def _sizes(layer: dict[str, Any], killed_max: float) -> list[dict[str, Any]]:
    if killed_max <= 0:
        return []
    steps = [k for k in _SIZE_STEPS if k <= killed_max] or [1]
    if killed_max > steps[-1]:
        steps.append(int(killed_max))
    # a sample hardly bigger than the next one repeats it: keep the larger
    steps = [k for k, n in zip(steps, [*steps[1:], None], strict=True)
             if n is None or size_for(n) - size_for(k) >= 4]
    return [{"size": size_for(k), "label": f"{k} killed"} for k in steps]


def build_legend(layers: dict[str, Any], names: dict[str, str],
                 killed_max: float = 0.0) -> list[dict[str, Any]]:
    """Legend sections for ``layers`` (role -> FeatureCollection).

    Parameters
    ----------
    layers : dict
        ``target`` and ``origin`` (column-wise places) and ``path`` (a FeatureCollection)
        from :func:`geomap.render.payload.build_layers`.
    names : dict
        Layer names (user text: the page inserts them as text, never as markup).
    killed_max : float
        The largest number killed at one place, for the size samples.

    Returns
    -------
    list of dict
        ``{"role", "title", "items"}``; an item has ``label`` and one of ``shape`` (with
        ``size``), ``line`` or ``halo`` (a precision, with its ``blur``).
    """
    sections: list[dict[str, Any]] = []
    for role in ("target", "origin"):
        layer = layers[role]
        if not layer["x"]:
            continue
        items = [{"shape": s, "size": 14, "label": SHAPE_LABELS[s]} for s in _shapes(layer)]
        if role == "target":
            items += [{"shape": "circle", **s} for s in _sizes(layer, killed_max)]
        sections.append({"role": role, "title": names[role], "items": items})
    if layers["path"]["features"]:
        sections.append({"role": "path", "title": names["path"], "items": [
            {"line": True, "label": "Path, arrow at the target"}]})
    precisions = _precisions(layers)
    if precisions:
        sections.append({"role": "halo", "title": names["halo"], "items": [
            {"halo": p, "blur": HALO_BLUR.get(p, 0.0),
             "label": f"{_PRECISION_WORDS.get(p, p)}, ±{DEFAULT_RADIUS_KM.get(p, 0):g} km"}
            for p in precisions]})
    return sections


def halo_caption(legend: list[dict[str, Any]]) -> str:
    """One sentence saying what the halos of ``legend`` mean (empty when it has none)."""
    items = [i for s in legend if s["role"] == "halo" for i in s["items"]]
    if not items:
        return ""
    parts = [f"about {DEFAULT_RADIUS_KM.get(i['halo'], 0):g} km for a "
             f"{_PRECISION_WORDS.get(i['halo'], i['halo'])}" for i in items]
    return ("Shaded halos show how precisely each place is known, not the area hit: "
            + ", ".join(parts) + ". Wide halos may run off the map.")


_PRECISION_WORDS = {"site": "site", "city": "town or city", "district": "district",
                    "admin1": "province", "country": "whole country",
                    "region": "sea or wider region"}
