"""Recognition of place names on US local news: LGL, the dev corpus (its misses were looked at
while writing the recognition rules, so these are development figures, not held-out ones).

``benchmarks/data/lgl_sample.xml``: LGL articles (Lieberman, Samet and Sankaranarayanan, "Geotagging
with local lexicons to build indexes for textually-specified spatial data", ICDE 2010; the
corpus as published with that work), each with its text and its gold toponyms (character
offsets, and the coordinates of the place meant). It is a dev corpus for the benchmarks only:
it is not in the installed package.

Figures, over all articles: recall (gold toponyms overlapped by a mention), precision
(mentions that overlap a gold toponym; demonym mentions count, as LGL marks "Russian" a
toponym; names inside an organisation do not), the share of matched toponyms placed
within 161 km of the gold point, and articles/s. ``--spacy`` also scores spaCy's NER (GPE, LOC,
FAC entities) alone and as a filter on geomap's mentions, when spaCy and an English pipeline are
importable (they are not dependencies of geomap).

Prints a report, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "benchmarks" / "data" / "lgl_sample.xml"
NEAR_KM = 161.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _num(node: ET.Element | None, tag: str) -> float | None:
    if node is None:
        return None
    found = node.find(tag)
    if found is None:
        found = node.find(f".//{tag}")
    if found is not None and found.text:
        return float(found.text)
    value = node.get(tag)
    return float(value) if value else None


def read_articles(path: Path = SAMPLE) -> list[dict[str, Any]]:
    """``{"text", "gold": [(start, end, lat, lon)]}`` per article of the LGL XML."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for top in art.iter("toponym"):
            start, end = top.findtext("start"), top.findtext("end")
            if start is None or end is None:
                continue
            gaz = top.find("gaztag")
            gold.append((int(start), int(end), _num(gaz, "lat"), _num(gaz, "lon")))
        out.append({"text": text, "gold": gold})
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(articles: list[dict[str, Any]],
          predict: Any) -> dict[str, float]:
    """Recall, precision and the 161 km share of ``predict(text) -> [(start, end, lat, lon)]``."""
    gold_n = found = pred_n = right = near = placed = 0
    t0 = time.perf_counter()
    for art in articles:
        pred = predict(art["text"])
        gold = art["gold"]
        gold_n += len(gold)
        pred_n += len(pred)
        right += sum(1 for p in pred if any(_overlap(p[:2], g[:2]) for g in gold))
        for g in gold:
            hit = next((p for p in pred if _overlap(p[:2], g[:2])), None)
            if hit is None:
                continue
            found += 1
            if None not in (g[2], g[3], hit[2], hit[3]):
                placed += 1
                near += _km(g[2], g[3], hit[2], hit[3]) <= NEAR_KM
    seconds = time.perf_counter() - t0
    return {"toponyms": gold_n, "recall": round(found / max(gold_n, 1), 3),
            "precision": round(right / max(pred_n, 1), 3),
            "within_161km": round(near / max(placed, 1), 3),
            "articles_per_s": round(len(articles) / seconds, 1)}


def geomap_mentions(text: str) -> list[tuple[int, int, float | None, float | None]]:
    from geomap.extract import extract_places

    return [(m.start, m.end, m.place.lat, m.place.lon) for m in extract_places(text)
            if "organisation" not in m.flags]  # LGL marks demonyms ("Russian") as toponyms


def _spacy(model: str) -> Any:
    import spacy  # not a geomap dependency: measured only

    return spacy.load(model, disable=["parser", "lemmatizer"])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first 50 articles")
    parser.add_argument("--spacy", metavar="MODEL", help="also score a spaCy pipeline")
    args = parser.parse_args(argv)
    if not SAMPLE.exists():
        print(f"no {SAMPLE.relative_to(ROOT)}: nothing to measure")
        print(json.dumps({"benchmark": "recognition", "skipped": True}))
        return 0
    articles = read_articles()
    if args.quick:
        articles = articles[:50]
    geomap_mentions("warm up: Erbil, Iraq")
    figures: dict[str, Any] = {"benchmark": "recognition", "articles": len(articles),
                               "geomap": score(articles, geomap_mentions)}
    if args.spacy:
        nlp = _spacy(args.spacy)
        kinds = {"GPE", "LOC", "FAC"}

        def ents(text: str) -> list[tuple[int, int, None, None]]:
            return [(e.start_char, e.end_char, None, None) for e in nlp(text).ents
                    if e.label_ in kinds]

        def both(text: str) -> list[tuple[int, int, float | None, float | None]]:
            spans = ents(text)
            return [m for m in geomap_mentions(text) if any(_overlap(m[:2], s[:2]) for s in spans)]

        figures["spacy_alone"] = score(articles, ents)
        figures["geomap_filtered_by_spacy"] = score(articles, both)
    for name, f in figures.items():
        if isinstance(f, dict):
            print(f"{name:<26} recall {f['recall']:.1%}  precision {f['precision']:.1%}  "
                  f"within 161 km {f['within_161km']:.1%}  {f['articles_per_s']:.0f} articles/s "
                  f"({f['toponyms']} gold toponyms)")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
