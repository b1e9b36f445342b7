"""results.json and the table on stdout."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.dataset import Dataset
from bench.runner import Measurement

RESULTS_PATH = Path(__file__).resolve().parent / "results.json"


def _verdict(result: Measurement) -> str:
    if result.error:
        return "ERROR"
    if result.over:
        return "OVER"
    return "OK" if result.scenario.budgets else "-"


def build_results(
    results: list[Measurement],
    dataset: Dataset,
    *,
    workers: int,
    warmup: int,
    requests: int,
    seconds: float,
    load: tuple[float, float],
) -> dict[str, Any]:
    """Everything results.json holds."""
    scenarios: dict[str, Any] = {}
    for r in results:
        entry: dict[str, Any] = {
            "method": r.scenario.method,
            "account": r.scenario.account,
            "budgets": dict(r.scenario.budgets),
            "verdict": _verdict(r),
        }
        if r.error:
            entry["error"] = r.error
        else:
            entry.update(
                p50_ms=r.p50_ms,
                p95_ms=r.p95_ms,
                queries=r.queries,
                queries_max=r.queries_max,
                bytes=r.bytes,
                requests=r.requests,
                over=r.over,
            )
        scenarios[r.scenario.name] = entry
    return {
        "scenarios": scenarios,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "database": dataset.kind,
            "database_version": dataset.server_version,
            "gunicorn_workers": workers,
            # Other work on the machine inflates latencies; the 1-minute load says how much.
            "load_average_start": round(load[0], 2),
            "load_average_end": round(load[1], 2),
        },
        "run": {"warmup": warmup, "requests": requests, "seconds": round(seconds, 1)},
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": {"version": dataset.version, "reused": dataset.reused, "counts": dataset.counts},
    }


def write_results(results: dict[str, Any], path: Path = RESULTS_PATH) -> None:
    """Write results.json."""
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def print_table(results: list[Measurement]) -> None:
    """A readable table, then every scenario over budget, loudly."""
    header = f"{'scenario':<20} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'bytes':>8}  budget"
    print(header)
    print("-" * len(header))
    for r in results:
        if r.error:
            print(f"{r.scenario.name:<20} {'':>8} {'':>8} {'':>8} {'':>8}  ERROR")
            continue
        queries = f"{r.queries}" + (f"/{r.queries_max}" if r.queries_max != r.queries else "")
        print(
            f"{r.scenario.name:<20} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} {queries:>8} "
            f"{r.bytes:>8}  {_verdict(r)}"
        )
    print("(queries: median, /max when some requests ran more)")
    over = [r for r in results if r.over]
    if over:
        print("\n" + "!" * 60)
        for r in over:
            print(f"!! OVER BUDGET  {r.scenario.name}: {'; '.join(r.over)}")
        print("!" * 60)
    for r in results:
        if r.error:
            print(f"\nERROR  {r.scenario.name}: {r.error}")
