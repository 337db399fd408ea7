"""Run every ``scripts/rebuild_*.py`` (this one excepted), in name order, with this interpreter.

Stops at the first failure and exits with its status, naming the script::

    python scripts/rebuild_all.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    """The rebuild scripts to run, sorted by name."""
    return sorted(p for p in HERE.glob("rebuild_*.py") if p.name != Path(__file__).name)


def main() -> int:
    for script in scripts():
        print(f"== {script.name}", flush=True)
        t0 = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        if result.returncode != 0:
            print(f"rebuild_all: {script.name} failed with exit status {result.returncode}",
                  file=sys.stderr)
            return result.returncode or 1
        print(f"== {script.name} done in {time.perf_counter() - t0:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
