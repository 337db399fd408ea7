"""The seed notebook runs top to bottom, offline, and shows the map inline."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "seed-example.ipynb"


@pytest.mark.slow
def test_seed_notebook_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOMAP_NOTEBOOK_OUT", str(tmp_path))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors == []
    html = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert any(h.startswith("<iframe srcdoc=") for h in html)  # the map, inline
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["seed-2024-02-05.geojson", "seed-2024-02-05.html", "seed-2024-02-05.png"]
    snippet = nb.cells[-1]["outputs"][0]["text"]
    assert '<iframe src="./seed-2024-02-05.html"' in snippet  # a relative URL, never a scheme
