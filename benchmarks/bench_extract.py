"""Benchmark ``geomap.extract_places``: articles/s and MB/s over 1,000 dispatches.

Workload: 1,000 articles (``--quick``: 100), seeded: each one 3-8 paragraphs drawn from the
dev set of dispatches (``tests/data/dispatches``, the seed article included), shuffled, under a
dateline from one of them -- so names, contexts and lengths vary as in a real feed.

Figures, each measured in a fresh Python process of the same run:

* build: loading the gazetteer and building the Aho-Corasick automaton (the first call);
* first pass: articles/s and MB/s of ``extract_places`` over all the articles, every cache
  empty but the automaton -- what a new process sees; this is the headline figure;
* repeat pass: the same articles again (the geocoder's and the extractor's caches warm);
* drafts: articles/s of ``draft_events`` over the extractions of the first pass (what ``geomap
  map article.txt`` adds to extraction);
* peak memory: the child process's peak resident set (``ru_maxrss``), gazetteer included;
* budget: the baseline the issue names, "1,000 articles under 10 s", as a ratio for build +
  first pass scaled to 1,000 articles (>1 is faster than asked).

Prints a short report, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPATCHES = ROOT / "tests" / "data" / "dispatches"
BUDGET_S = 10.0


def _corpus() -> tuple[list[str], list[str]]:
    datelines, paragraphs = [], []
    for path in sorted([*DISPATCHES.glob("*.txt"), *DISPATCHES.glob("seed/*.txt")]):
        text = path.read_text(encoding="utf-8")
        body = re.sub(r"\A\s*date [0-9-]+\s*", "", text)
        m = re.match(r"[A-Z][A-Za-z ,.()]+?[—-] ", body)
        if m:
            datelines.append(m.group())
            body = body[m.end():]
        paragraphs += [p.strip() for p in body.split("\n") if len(p.strip()) > 60]
    return datelines, paragraphs


def make_articles(n: int, seed: int = 8) -> list[str]:
    """``n`` articles of 3-8 shuffled dev-set paragraphs under a dev-set dateline."""
    rng = random.Random(seed)
    datelines, paragraphs = _corpus()
    out = []
    for _ in range(n):
        paras = rng.sample(paragraphs, rng.randint(3, 8))
        date = f" date 2024-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d} \n\n"
        out.append(date + rng.choice(datelines) + "\n\n".join(paras) + "\n")
    return out


def _measure_extract(n: int) -> dict[str, float]:
    articles = make_articles(n)
    from geomap.extract import extract_places

    t0 = time.perf_counter()
    extract_places("ERBIL, Iraq — A drone struck the al-Omar base.")
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    extractions = [extract_places(a) for a in articles]
    first_s = time.perf_counter() - t0
    mentions = sum(len(ex) for ex in extractions)
    t0 = time.perf_counter()
    for a in articles:
        extract_places(a)
    repeat_s = time.perf_counter() - t0
    from geomap.extract.draft import draft_events

    t0 = time.perf_counter()
    drafts = sum(len(draft_events(ex, a)) for ex, a in zip(extractions, articles, strict=True))
    draft_s = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"build_s": build_s, "first_s": first_s, "repeat_s": repeat_s, "mentions": mentions,
            "draft_s": draft_s, "drafts": drafts, "peak_mb": peak_mb}


def _child(mode: str, n: int) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--mode", mode, "--n", str(n)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 articles, seconds")
    parser.add_argument("--mode", choices=("extract",), help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    n = args.n or (100 if args.quick else 1000)
    if args.mode == "extract":
        print(json.dumps(_measure_extract(n)))
        return 0

    megabytes = sum(len(a.encode("utf-8")) for a in make_articles(n)) / 1e6
    ex = _child("extract", n)
    first_s = ex["first_s"]
    per_1000_s = ex["build_s"] + first_s * 1000 / n
    figures = {
        "benchmark": "extract",
        "articles": n,
        "megabytes": round(megabytes, 3),
        "mentions": ex["mentions"],
        "build_s": round(ex["build_s"], 3),
        "first_pass_s": round(first_s, 3),
        "articles_per_s": round(n / first_s, 1),
        "mb_per_s": round(megabytes / first_s, 3),
        "repeat_pass_s": round(ex["repeat_s"], 3),
        "repeat_articles_per_s": round(n / ex["repeat_s"], 1),
        "budget_s_per_1000": BUDGET_S,
        "build_plus_1000_s": round(per_1000_s, 3),
        "budget_ratio": round(BUDGET_S / per_1000_s, 2),
        "draft_events": ex["drafts"],
        "draft_articles_per_s": round(n / ex["draft_s"], 1),
        "peak_rss_mb": round(ex["peak_mb"], 1),
    }
    print(f"extract_places on {n} articles ({megabytes:.2f} MB, {ex['mentions']} mentions)")
    print(f"  build (gazetteer + automaton): {ex['build_s']:.2f} s")
    print(f"  first pass:  {first_s:.2f} s = {n / first_s:.0f} articles/s, "
          f"{megabytes / first_s:.2f} MB/s")
    print(f"  repeat pass: {ex['repeat_s']:.2f} s = {n / ex['repeat_s']:.0f} articles/s")
    print(f"  budget, 1,000 articles in {BUDGET_S:.0f} s: build + 1,000 articles take "
          f"{per_1000_s:.2f} s, {figures['budget_ratio']}x inside it")
    print(f"  drafts: {ex['drafts']} events, {n / ex['draft_s']:.0f} articles/s on top")
    print(f"  peak memory (resident, whole process): {ex['peak_mb']:.0f} MB")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
