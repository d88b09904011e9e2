"""The container files: parseable, consistent with the Makefile, failing clearly.

Docker itself cannot run here, so these check what can be checked without it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def recipe(target: str) -> list[str]:
    """The command lines of a Makefile target."""
    makefile = (ROOT / "Makefile").read_text()
    body = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert body, target
    return [line.strip() for line in body.group(1).splitlines()]


def test_compose_services_and_roles() -> None:
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "housekeeping"}
    roles = {name: services[name]["command"] for name in ("web", "worker", "housekeeping")}
    assert roles == {"web": ["web"], "worker": ["worker"], "housekeeping": ["housekeeping"]}
    for name in roles:
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgresql://")
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert set(services[name]["depends_on"]) == {"postgres", "redis"}


def test_entrypoint_runs_what_the_makefile_runs() -> None:
    script = ENTRYPOINT.read_text()
    serve = recipe("serve")[-1].replace("$(VENV)/bin/", "")
    worker = recipe("worker")[-1].replace("$(PY)", "python")
    assert f"exec {serve}\n" in script
    assert f"exec {worker}\n" in script
    assert "python manage.py housekeeping\n" in script


def test_entrypoint_is_valid_sh_and_refuses_to_start_without_servers() -> None:
    assert subprocess.run(["sh", "-n", str(ENTRYPOINT)]).returncode == 0
    for role in ("web", "worker", "housekeeping"):
        result = subprocess.run(
            ["sh", str(ENTRYPOINT), role], env={"PATH": "/usr/bin:/bin"}, capture_output=True
        )
        assert result.returncode == 2
        assert b"DATABASE_URL and REDIS_URL must be set" in result.stderr


def test_image_runs_as_a_non_root_user() -> None:
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.12-slim$", dockerfile, re.MULTILINE)
    assert "pip install -r /tmp/requirements.lock" in dockerfile
    assert re.search(r"^USER ipamcore$", dockerfile, re.MULTILINE)
    assert 'ENTRYPOINT ["/app/docker/entrypoint.sh"]' in dockerfile
