"""What the benchmark scripts share: the machine line, the load, min / median / max, and one
run in a fresh process (so that each run's peak memory and start-up are its own).

Imported by the scripts beside it (`python benchmarks/road.py` puts this folder on the path).
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
from typing import Any


def machine() -> str:
    """ "2 cores, <CPU model>" from /proc/cpuinfo where there is one."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {cpu}"


def load() -> str:
    """The machine's load averages (1, 5, 15 min), as the shell's `uptime` prints them."""
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def spread(values: list[Any], digits: int, thousands: bool = False) -> str:
    """min / median / max of the values that exist, or – when none does."""
    known = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if not known:
        return "–"
    form = f"{{:{',' if thousands else ''}.{digits}f}}"
    return " / ".join(form.format(v) for v in (min(known), statistics.median(known), max(known)))


def in_child(script: str, seed: int, options: list[str]) -> tuple[dict[str, Any] | None, str]:
    """Run `script --worker SEED OPTIONS…` in a fresh Python and read the JSON it prints on
    its "RESULT " line: (the result, "") or (None, "exit N: last line of stderr")."""
    cmd = [sys.executable, os.path.abspath(script), "--worker", str(seed), *options]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:]), ""
    tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return None, f"exit {done.returncode}: {tail}"
