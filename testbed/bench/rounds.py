"""How every figure is measured (interleaved rounds) and what it was measured on."""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import TypeVar

# The libraries whose versions the figures depend on.
LIBRARIES = (
    "scrapy",
    "lxml",
    "parsel",
    "trafilatura",
    "dateparser",
    "jsonschema_rs",
    "orjson",
    "warcio",
)

T = TypeVar("T")


def interleaved(contenders: Mapping[str, Callable[[], T]], rounds: int) -> dict[str, list[T]]:
    """Each contender's value in each round: every round runs each contender once, the
    order rotated by one from round to round, so no contender always runs first (cold
    caches) or last (a machine grown busy)."""
    names = list(contenders)
    values: dict[str, list[T]] = {name: [] for name in names}
    for n in range(rounds):
        shift = n % len(names)
        for name in names[shift:] + names[:shift]:
            values[name].append(contenders[name]())
    return values


def seconds(action: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_facts() -> dict[str, str]:
    """CPU, cores, RAM, load, Python, platform and the libraries' versions."""
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    facts = {
        "CPU": _cpu_model(),
        "cores": f"{os.cpu_count()} (this process may run on {affinity or '?'})",
        "RAM": _memory(),
        "load average at start (1, 5, 15 min)": load,
        "Python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "platform": platform.platform(),
    }
    facts.update({name: _version(name) for name in LIBRARIES})
    return facts
