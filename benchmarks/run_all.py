"""Run every ``benchmarks/bench_*.py`` in turn (``make bench``).

Each benchmark prints its own report and ends with one JSON line of figures; this runner
collects those lines into ``benchmarks/results/latest.json``. Pass ``--quick`` for small sizes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _last_json_line(text: str) -> dict | None:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return None
    return None


def main(argv: list[str]) -> int:
    extra = [a for a in argv if a == "--quick"]
    results: dict[str, object] = {}
    failed = []
    for bench in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {bench.name} ===", flush=True)
        proc = subprocess.run(
            [sys.executable, str(bench), *extra], capture_output=True, text=True, cwd=HERE.parent
        )
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr[-4000:])
        if proc.returncode != 0:
            failed.append(bench.name)
        results[bench.stem] = _last_json_line(proc.stdout)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(f"\nfigures written to {out / 'latest.json'}")
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
