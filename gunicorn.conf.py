"""gunicorn settings shared by `make serve` and the benchmark (workers and address come from
the command line).

Python's cycle collector: a full collection walks every object the process holds, the app's
modules, SQLAlchemy's mappers and Babel's locale data included, and so took 50–110 ms on the
2-core reference machine. A board of 1,000 cards creates enough objects to start one every
ten or so requests, which was the slow tail of that page (p95 three times its median). So each
worker, once the app is loaded, moves everything it holds into the permanent generation
(`gc.freeze()`: never scanned again, and never garbage, being the app itself), and collects the
young generation after 10,000 new objects instead of 700: a full collection then walks only what
requests left behind (a few milliseconds) and far fewer collections run at all.
"""

from __future__ import annotations

import gc
from typing import Any

# Objects allocated (minus freed) before the youngest generation is collected; the two older
# generations keep Python's defaults.
GC_THRESHOLDS = (10_000, 10, 10)


def post_worker_init(worker: Any) -> None:
    """After the worker has loaded the app: freeze what it holds, then the new thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
