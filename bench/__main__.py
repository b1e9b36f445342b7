"""`python -m bench`: build or reuse the dataset, serve the app, measure, write results.json."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from bench.dataset import DATA_DIR, BenchError, database_url, ensure_dataset
from bench.report import RESULTS_PATH, build_results, print_table, write_results
from bench.runner import Runner
from bench.scenarios import SCENARIOS
from bench.server import WORKERS, serve

PARTIAL_PATH = DATA_DIR / "results-partial.json"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests first")
    parser.add_argument("--requests", type=int, default=200, help="measured requests")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--fresh", action="store_true", help="regenerate the dataset")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"results file (default {RESULTS_PATH.name}; {PARTIAL_PATH.name} with --only)",
    )
    return parser.parse_args(argv)


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Turn SIGTERM into SystemExit, so the finally blocks stop gunicorn.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Run the bench; 0 unless a scenario could not be measured (over budget is still 0)."""
    args = _arguments(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    started = time.perf_counter()
    scenarios = SCENARIOS
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        unknown = wanted - {s.name for s in scenarios}
        if unknown:
            print(f"unknown scenarios: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        scenarios = [s for s in scenarios if s.name in wanted]
    # A partial run must not replace the full figures.
    output = args.output or (PARTIAL_PATH if args.only else RESULTS_PATH)
    try:
        url = database_url()
        dataset = ensure_dataset(url, fresh=args.fresh)
        state = "reused" if dataset.reused else "generated"
        print(
            f"dataset {state} on {dataset.kind} in {dataset.seconds:.1f} s: "
            + ", ".join(f"{n} {t}" for t, n in dataset.counts.items()),
            flush=True,
        )
        load_start = os.getloadavg()[0]
        if load_start > (os.cpu_count() or 1):
            print(f"note: the machine is busy (load {load_start:.1f}); latencies will be high")
        with serve(url) as port:
            print(
                f"gunicorn on 127.0.0.1:{port}, {WORKERS} workers; "
                f"{args.warmup} warm-up + {args.requests} measured requests per scenario",
                flush=True,
            )
            runner = Runner(port, dataset.refs, args.warmup, args.requests)
            try:
                results = []
                for scenario in scenarios:
                    results.append(runner.measure(scenario))
                    print(f"  measured {scenario.name}", flush=True)
            finally:
                runner.close()
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    load = (load_start, os.getloadavg()[0])
    write_results(
        build_results(
            results,
            dataset,
            workers=WORKERS,
            warmup=args.warmup,
            requests=args.requests,
            seconds=seconds,
            load=load,
        ),
        output,
    )
    print()
    print_table(results)
    print(f"\n{len(results)} scenarios in {seconds:.0f} s; results in {output}")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
