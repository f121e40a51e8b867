"""Wall time and peak resident memory of work in this process: one sampler for every benchmark."""

from __future__ import annotations

import resource
import threading
import time
from contextlib import contextmanager

import psutil


class PeakRSS:
    """Samples this process's resident memory in a thread; `take()` gives the peak (bytes)
    since the last take, `stop()` ends the sampling."""

    def __init__(self, every: float = 0.05):
        self._proc, self._every, self._peak = psutil.Process(), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            self._peak = max(self._peak, self._proc.memory_info().rss)

    def take(self) -> int:
        peak = max(self._peak, self._proc.memory_info().rss)
        self._peak = 0
        return peak

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def measured():
    """Yields a dict that holds `seconds` and `peak_rss_gb` once the block ends."""
    sampler = PeakRSS(every=0.2)
    started = time.perf_counter()
    out: dict = {}
    try:
        yield out
    finally:
        out["seconds"] = round(time.perf_counter() - started, 2)
        peak = sampler.take()
        sampler.stop()
        peak = max(peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
        out["peak_rss_gb"] = round(peak / 2**30, 2)
