"""The app under gunicorn on loopback, in production mode with query counting on."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.dataset import DATA_DIR, BenchError
from board.config import PROJECT_ROOT

HOST = "127.0.0.1"
WORKERS = 2  # one per core of the reference machine
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15
LOG_PATH = DATA_DIR / "gunicorn.log"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _log_tail(lines: int = 30) -> str:
    if not LOG_PATH.exists():
        return ""
    return "\n".join(LOG_PATH.read_text(errors="replace").splitlines()[-lines:])


def _healthy(port: int) -> bool:
    conn = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # gunicorn's graceful shutdown
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        # Its own session holds only the master and its workers, all started here.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def serve(database_url: str, workers: int = WORKERS) -> Iterator[int]:
    """Run gunicorn until the block ends (also on errors); yields its port."""
    port = _free_port()
    env = {
        **os.environ,
        "BOARD_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url,
        "BOARD_BENCH_QUERY_COUNT": "1",
        # Nothing the server writes may land in the developer's instance/ folder.
        "BOARD_INSTANCE_DIR": str(DATA_DIR),
    }
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
        # The production settings of `make serve` (the collector's tuning).
        "--config",
        str(PROJECT_ROOT / "gunicorn.conf.py"),
        "wsgi:app",
    ]
    with Path(LOG_PATH).open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise BenchError(f"gunicorn did not become healthy; {LOG_PATH}:\n{_log_tail()}")
            time.sleep(0.1)
        yield port
    finally:
        _stop(process)
