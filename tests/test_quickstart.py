"""The parts of `make run` / `make test` that can be checked without starting servers
(the servers themselves are exercised by every `make test` without DATABASE_URL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ipamcore import quickstart


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_forget_dead_handles_keeps_live_processes(tmp_path: Path) -> None:
    handles = tmp_path / ".handle_pids.json"
    handles.write_text(json.dumps([os.getpid(), dead_pid()]))
    quickstart.forget_dead_handles(tmp_path)
    assert json.loads(handles.read_text()) == [os.getpid()]


def test_forget_dead_handles_without_a_file(tmp_path: Path) -> None:
    quickstart.forget_dead_handles(tmp_path)
    assert not (tmp_path / ".handle_pids.json").exists()


@contextmanager
def fake_server(started: list[str]) -> Iterator[str]:
    started.append("started")
    yield "redis://127.0.0.1:16999/0"
    started.append("stopped")


def test_embedded_server_only_when_the_variable_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    monkeypatch.setenv("REDIS_URL", "redis://cache.example.com:6379/0")
    with quickstart.embedded_if_unset("REDIS_URL", lambda: fake_server(started)):
        assert os.environ["REDIS_URL"] == "redis://cache.example.com:6379/0"
    assert started == []

    monkeypatch.setenv("REDIS_URL", "")
    with quickstart.embedded_if_unset("REDIS_URL", lambda: fake_server(started)):
        assert os.environ["REDIS_URL"] == "redis://127.0.0.1:16999/0"
        assert started == ["started"]
    assert started == ["started", "stopped"]


def test_test_run_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    quickstart.set_defaults("test")
    assert os.environ["SECRET_KEY"] == quickstart.TEST_SECRET_KEY


def test_run_keeps_the_callers_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "from-the-caller")
    monkeypatch.setenv("PORT", "8080")
    monkeypatch.delenv("HOST", raising=False)
    quickstart.set_defaults("run")
    assert os.environ["SECRET_KEY"] == "from-the-caller"
    assert quickstart.base_url() == "http://127.0.0.1:8080/"


def test_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert quickstart.main(["serve"]) == 2
    assert "usage:" in capsys.readouterr().err
