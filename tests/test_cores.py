"""Tests for geomap.cores: idle cores and when a process may fork a helper."""

from __future__ import annotations

import os
import threading

import pytest

from geomap import cores
from geomap.cores import can_fork, idle_cores


@pytest.mark.parametrize(
    "load, running, idle",
    [
        (0.0, 1, 1),  # a quiet machine: the other core is idle
        (1.0, 1, 1),  # this process has run a minute: the load is its own
        (1.0, 2, 0),  # another process has run a minute and runs now
        (0.2, 3, 0),  # two processes just started: the load has not caught up yet
        (3.0, 1, 1),  # a burst of work just ended: the load has not come down yet
        (6.0, 7, 0),
    ],
)
def test_idle_cores_leave_out_this_process_and_the_work_running_now(
    monkeypatch, load, running, idle
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(cores, "_runnable_now", lambda: running)
    assert idle_cores() == idle


@pytest.mark.parametrize("load, idle", [(0.0, 2), (0.9, 1), (1.2, 0), (6.0, 0)])
def test_idle_cores_from_the_load_average_alone(monkeypatch, load, idle) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(cores, "_runnable_now", lambda: None)
    assert idle_cores() == idle


def test_idle_cores_when_the_system_gives_no_load(monkeypatch) -> None:
    def no_load() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(os, "getloadavg", no_load)
    assert idle_cores() == 3


def test_runnable_now_counts_this_process() -> None:
    running = cores._runnable_now()
    assert running is None or running >= 1


def test_no_fork_while_another_thread_runs() -> None:
    before = can_fork()
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert can_fork() is False
    finally:
        stop.set()
        worker.join()
    assert can_fork() == before


def test_no_fork_from_a_worker_thread() -> None:
    seen: list[bool] = []
    worker = threading.Thread(target=lambda: seen.append(can_fork()))
    worker.start()
    worker.join()
    assert seen == [False]
