"""Settings for the whole suite.

Hypothesis runs derandomized: every run (CI's included) draws the same examples, so a red
run can be replayed and a green one is not luck. Local exploration: ``pytest
--hypothesis-seed=N`` or ``HYPOTHESIS_PROFILE=explore``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def scheduler_address() -> Iterator[str]:
    """The address of a dask LocalCluster (2 in-process workers) this test module starts."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    yield cluster.scheduler_address
    cluster.close()
