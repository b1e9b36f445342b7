"""Measure scenarios over HTTP: warm up, then time each request, one after another."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from bench.client import Client, ClientError, make_api_token
from bench.core import Refs, Scenario, resolve
from board.demo import DEMO_PASSWORD

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Measurement:
    """The figures of one scenario, or why it could not be measured."""

    scenario: Scenario
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    queries: int | None = None  # median statements per request
    queries_max: int | None = None
    bytes: int = 0
    requests: int = 0
    error: str | None = None
    over: list[str] = field(default_factory=list)

    def value(self, key: str) -> float | None:
        """A budgeted figure by its result key."""
        return {
            "p50_ms": self.p50_ms,
            "p95_ms": self.p95_ms,
            "queries": self.queries,
            "bytes": self.bytes,
        }[key]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: a latency that was really observed."""
    ordered = sorted(values)
    return ordered[max(math.ceil(pct / 100 * len(ordered)) - 1, 0)]


def _budget_breaches(result: Measurement) -> list[str]:
    breaches = []
    for key, limit in result.scenario.budgets.items():
        value = result.value(key)
        if value is not None and value > limit:
            breaches.append(f"{key} {value:g} > {limit:g}")
    return breaches


class Runner:
    """Measures scenarios against one server, signing each demo account in once."""

    def __init__(self, port: int, refs: Refs, warmup: int, requests: int) -> None:
        self.port, self.refs = port, refs
        self.warmup, self.requests = warmup, requests
        self.clients: dict[tuple[str | None, bool], Client] = {}

    def _client(self, account: str | None, api: bool = False) -> Client:
        key = (account, api)
        if key not in self.clients:
            client = Client(HOST, self.port)
            if account is not None:
                client.sign_in(account, DEMO_PASSWORD)
                if api:
                    client.bearer = make_api_token(client)
            self.clients[key] = client
        return self.clients[key]

    def close(self) -> None:
        """Close every connection."""
        for client in self.clients.values():
            client.close()

    def measure(self, scenario: Scenario) -> Measurement:
        """Run one scenario; a wrong status ends it with an error instead of figures."""
        try:
            client = self._client(scenario.account, scenario.api)
            path = resolve(scenario.path, self.refs)
            form = dict(resolve(scenario.form, self.refs) or {}) if scenario.form else None
            if scenario.csrf_page is not None:
                # Tokens stay valid for the session (no time limit), so one serves every POST.
                token = client.csrf_token(resolve(scenario.csrf_page, self.refs))
                form = {**(form or {}), "csrf_token": token}
            latencies: list[float] = []
            sizes: list[int] = []
            counts: list[int] = []
            for i in range(self.warmup + self.requests):
                fields = form
                if scenario.form_each is not None:
                    fields = {**(form or {}), **scenario.form_each(self.refs, i)}
                response = client.expect(
                    scenario.method, path, scenario.status, fields, scenario.headers
                )
                if i < self.warmup:
                    continue
                latencies.append(response.elapsed_ms)
                sizes.append(len(response.body))
                if response.queries is None:
                    raise ClientError("no X-Query-Count header: is the server in bench mode?")
                counts.append(response.queries)
        except (ClientError, OSError) as error:
            return Measurement(scenario, error=str(error))
        result = Measurement(
            scenario,
            p50_ms=round(statistics.median(latencies), 2),
            p95_ms=round(percentile(latencies, 95), 2),
            # The session touch (once a minute) adds statements to a few requests: the median
            # is what a page costs, the maximum shows the outliers.
            queries=statistics.median_low(counts),
            queries_max=max(counts),
            bytes=statistics.median_low(sizes),
            requests=len(latencies),
        )
        result.over.extend(_budget_breaches(result))
        return result
