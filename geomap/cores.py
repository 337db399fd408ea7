"""How many cores this process may put to work: the one owner of that judgement.

The geocoder (a second process for a large batch of names) and the exporter (a pool that
encodes chunks) both fork helpers only when a core would otherwise sit idle: on a machine
whose cores are all busy, handing work to another process (pickled there and back) costs more
than it gains.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

__all__ = ["idle_cores", "can_fork"]


def idle_cores() -> int:
    """Cores that neither this process nor any other is using now: where a helper process
    would run without taking a core from other work.

    Other work is the smaller of the load average of the last minute (which lags, and counts
    this process once it has run a while) and the tasks runnable at this instant less this
    one (``/proc/loadavg``, on Linux). Where the system gives neither, every core but this
    process's is idle; where it gives only the load average, that load counts this process.
    """
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every system
        return max(cores - 1, 0)
    running = _runnable_now()
    if running is None:
        return max(int(cores - load), 0)
    others = min(load, running - 1)
    return max(int(cores - 1 - others), 0)


def _runnable_now() -> int | None:
    """Tasks runnable at this instant, this one included (Linux); None elsewhere."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def can_fork() -> bool:
    """True when this process may fork a helper safely: the system forks, this is the main
    thread of a process with no other Python thread (a fork copies a lock another thread
    holds, and the child can wait on it for ever), and the process is not itself a daemon
    worker (which may not have children)."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )
