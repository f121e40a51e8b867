"""Wall time and peak resident memory of a block of work in this process."""

from __future__ import annotations

import resource
import threading
import time
from contextlib import contextmanager

import psutil


@contextmanager
def measured():
    """Yields a dict that holds `seconds` and `peak_rss_gb` once the block ends."""
    box: dict = {"peak": 0}
    stop = threading.Event()
    proc = psutil.Process()

    def watch() -> None:
        while not stop.wait(0.2):
            box["peak"] = max(box["peak"], proc.memory_info().rss)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    started = time.perf_counter()
    out: dict = {}
    try:
        yield out
    finally:
        out["seconds"] = round(time.perf_counter() - started, 2)
        stop.set()
        thread.join()
        peak = max(box["peak"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
        out["peak_rss_gb"] = round(peak / 2**30, 2)
