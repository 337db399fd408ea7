"""Online tiles, only when asked for by name, through ``xyzservices`` with its attribution."""

from __future__ import annotations

from typing import Any

from geomap.errors import GeomapInputError

__all__ = ["resolve_tiles"]


def resolve_tiles(name: str | None) -> dict[str, Any] | None:
    """Look up a tile provider by its ``xyzservices`` name (``"OpenStreetMap.Mapnik"``).

    Returns
    -------
    dict or None
        ``name``, ``url`` (with ``{s}``/``{z}``/``{x}``/``{y}``), ``attribution`` (HTML from
        the provider registry), ``max_zoom`` and ``subdomains``; ``None`` when ``name`` is
        ``None`` (the map stays offline).

    Raises
    ------
    GeomapInputError
        When no provider has that name, or it needs an API key.
    """
    if name is None:
        return None
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError as err:
        raise GeomapInputError(
            f"unknown tiles {name!r}; use an xyzservices name such as 'OpenStreetMap.Mapnik' "
            "or 'Esri.WorldImagery'"
        ) from err
    if provider.requires_token():
        raise GeomapInputError(f"tiles {name!r} need an API key; choose another provider")
    url = provider.build_url(fill_subdomain=False, scale_factor="")
    if not url.startswith("https://"):
        raise GeomapInputError(f"tiles {name!r} are not served over https")
    return {
        "name": provider.name,
        "url": url,
        "attribution": provider.html_attribution,
        "max_zoom": int(provider.get("max_zoom", 18)),
        "subdomains": provider.get("subdomains", "abc"),
    }
