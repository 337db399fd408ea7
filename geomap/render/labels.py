"""Label placement: which place names a map writes, where, and which it leaves out.

One rule for the page and the print. Places are ranked by importance (:func:`label_ranks`:
people killed, then number of events, then precision, targets before origins); in that
order each label tries the candidate positions around its symbol (:data:`CANDIDATES`: right,
left, above, below, then the four diagonals), and at wider rings (:data:`RINGS`) with a leader
line back to the symbol; it takes the first position whose box stays inside the map and meets
no label already placed, no symbol and no control (legend, inset). A label that finds no
position is not drawn: labels hide before they overlap. The page runs the same greedy pass
(``geomap/render/assets/map.js``, from the table :func:`placement_rules` sends it) after every
zoom and move; the print runs :func:`place_labels` on the text extents matplotlib measures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from geomap.precision import PRECISIONS

__all__ = ["CANDIDATES", "RINGS", "GAP", "label_ranks", "place_labels", "placement_rules"]

#: Directions (dx, dy) of the candidate positions, in the order they are tried; y grows down.
CANDIDATES: tuple[tuple[int, int], ...] = (
    (1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1),
)
#: Distances from the symbol's edge (px) of the rings tried; beyond the first a leader line
#: joins label and symbol.
RINGS: tuple[float, ...] = (3.0, 22.0, 44.0)
#: Pixels kept free around every label box.
GAP = 2.0

Box = tuple[float, float, float, float]  # left, top, right, bottom (px, y down)


def label_ranks(layers: dict[str, Any]) -> dict[str, list[int]]:
    """Rank of every place's label (0 = placed first), per role.

    Order: people killed (more first), events at the place (more first), precision (a site
    before a country), targets before origins, then the order of the data.
    """
    keys = []
    for role_order, role in enumerate(("target", "origin")):
        props = layers[role]["p"]
        for i, events in enumerate(layers[role]["ev"]):
            killed = props["kd"][i] or 0
            precision = props["p"][i]
            rank = PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)
            keys.append((-float(killed), -len(events), rank, role_order, i, role))
    keys.sort()
    ranks: dict[str, list[int]] = {role: [0] * len(layers[role]["x"])
                                   for role in ("target", "origin")}
    for position, key in enumerate(keys):
        ranks[key[5]][key[4]] = position
    return ranks


def placement_rules() -> dict[str, Any]:
    """The placement table the page's script uses (the same as :func:`place_labels`)."""
    return {"candidates": [list(c) for c in CANDIDATES], "rings": list(RINGS), "gap": GAP}


def _candidate(x: float, y: float, r: float, w: float, h: float, d: tuple[int, int],
               ring: float) -> Box:
    dx, dy = d
    off = r + ring
    if dx and dy:  # a diagonal: the box's corner at 45 degrees
        off *= 0.72
    left = x + dx * off - (w if dx < 0 else w / 2 if dx == 0 else 0)
    top = y + dy * off - (h if dy < 0 else h / 2 if dy == 0 else 0)
    return (left, top, left + w, top + h)


def _meets(a: Box, b: Box, gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def place_labels(labels: Sequence[tuple[float, float, float, float, float]],
                 obstacles: Sequence[Box], area: Box) -> list[tuple[Box, bool] | None]:
    """Greedy placement of label boxes, in the order given (most important first).

    Parameters
    ----------
    labels : sequence of (x, y, r, w, h)
        The symbol's centre and radius, the label's width and height (px, y down). A label
        with ``r < 0`` is a fixed name (a sea, a country): centred on (x, y), one position.
    obstacles : sequence of boxes
        Symbols and controls no label may cover.
    area : box
        Labels stay inside it.

    Returns
    -------
    list
        Per label, ``(box, leader)`` (``leader``: drawn at a wider ring, with a leader line)
        or ``None`` when no position is free.
    """
    placed: list[Box] = []
    out: list[tuple[Box, bool] | None] = []
    for x, y, r, w, h in labels:
        if r < 0:
            options = [((x - w / 2, y - h / 2, x + w / 2, y + h / 2), False)]
        else:
            options = [(_candidate(x, y, r, w, h, d, ring), k > 0)
                       for k, ring in enumerate(RINGS) for d in CANDIDATES]
        found = None
        for box, leader in options:
            if not (area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1]
                    and box[3] <= area[3]):
                continue
            if any(_meets(box, other, GAP) for other in placed):
                continue
            if any(_meets(box, other) for other in obstacles):
                continue
            found = (box, leader)
            break
        if found is not None:
            placed.append(found[0])
        out.append(found)
    return out
