"""Configuration: parsing the environment and IPAMCORE_CONFIG, the start-up checks, and
how a bad setting is reported by manage.py and gunicorn (one line, no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from ipamcore import checks, config, startup

ROOT = Path(__file__).resolve().parent.parent


def source(file_values: dict[str, object] | None = None, **environ: str) -> config.Source:
    return config.Source(environ, file_values or {}, "/etc/ipamcore/config.py")


# --- parsing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("YES", True), ("1", True), ("off", False), ("0", False), ("False", False)],
)
def test_boolean_words(raw: str, expected: bool) -> None:
    assert source(DEBUG=raw).boolean("DEBUG", not expected) is expected


def test_unset_and_empty_mean_default() -> None:
    assert source().boolean("DEBUG", True) is True
    assert source(MAX_PAGE_SIZE="").integer("MAX_PAGE_SIZE", 1000) == 1000
    assert source(ALLOWED_HOSTS="  ").strings("ALLOWED_HOSTS", ["*"]) == ["*"]


def test_bad_boolean_names_the_setting() -> None:
    with pytest.raises(config.ConfigError) as error:
        source(DEBUG="maybe").boolean("DEBUG", False)
    assert (
        str(error.value) == "DEBUG='maybe' (from environment) is not a boolean (use true or false)"
    )


def test_bad_integer_names_the_setting() -> None:
    with pytest.raises(config.ConfigError, match=r"^MAX_PAGE_SIZE='abc' .* is not an integer$"):
        source(MAX_PAGE_SIZE="abc").integer("MAX_PAGE_SIZE", 1000)


def test_integer_minimum() -> None:
    assert source(PAGINATE_COUNT="1").integer("PAGINATE_COUNT", 50, minimum=1) == 1
    with pytest.raises(config.ConfigError, match=r"PAGINATE_COUNT='0' .* must be at least 1"):
        source(PAGINATE_COUNT="0").integer("PAGINATE_COUNT", 50, minimum=1)


def test_comma_separated_list() -> None:
    hosts = source(ALLOWED_HOSTS="ipam.example.com, 10.0.0.1,").strings("ALLOWED_HOSTS", [])
    assert hosts == ["ipam.example.com", "10.0.0.1"]


def test_environment_wins_over_file() -> None:
    both = source({"MAX_PAGE_SIZE": 200}, MAX_PAGE_SIZE="300")
    assert both.integer("MAX_PAGE_SIZE", 1000) == 300
    assert source({"MAX_PAGE_SIZE": 200}).integer("MAX_PAGE_SIZE", 1000) == 200


def test_file_values_are_type_checked_and_name_the_file() -> None:
    assert source({"DEBUG": True}).boolean("DEBUG", False) is True
    assert source({"ALLOWED_HOSTS": ["a", "b"]}).strings("ALLOWED_HOSTS", []) == ["a", "b"]
    with pytest.raises(config.ConfigError, match=r"from /etc/ipamcore/config\.py\) must be a dict"):
        source({"CUSTOM_VALIDATORS": []}).python("CUSTOM_VALIDATORS", {}, dict)
    with pytest.raises(config.ConfigError, match=r"ALLOWED_HOSTS=.* must be a comma-separated"):
        source({"ALLOWED_HOSTS": [1, 2]}).strings("ALLOWED_HOSTS", [])


def test_python_values_only_from_the_file() -> None:
    validators = {"dcim.site": [{"name": {"min_length": 5}}]}
    assert source({"CUSTOM_VALIDATORS": validators}).python("CUSTOM_VALIDATORS", {}, dict) == (
        validators
    )
    with pytest.raises(config.ConfigError, match=r"only be set in the IPAMCORE_CONFIG file"):
        source(CUSTOM_VALIDATORS="{}").python("CUSTOM_VALIDATORS", {}, dict)


def test_secrets_are_never_echoed() -> None:
    with pytest.raises(config.ConfigError) as error:
        source(DATABASE_URL="mysql://root:hunter2@db/ipam").database_url("DATABASE_URL", "")
    assert "hunter2" not in str(error.value)
    assert str(error.value) == "DATABASE_URL must be a URL starting with postgresql://"


def test_urls() -> None:
    assert source().database_url("DATABASE_URL", "postgresql://db/ipam") == "postgresql://db/ipam"
    assert source(REDIS_URL="rediss://cache:6380/2").redis_url("REDIS_URL", "") == (
        "rediss://cache:6380/2"
    )
    with pytest.raises(
        config.ConfigError, match=r"^REDIS_URL must be a URL starting with redis://"
    ):
        source(REDIS_URL="http://cache").redis_url("REDIS_URL", "")
    with pytest.raises(config.ConfigError, match=r"^DATABASE_URL is not a valid URL$"):
        source(DATABASE_URL="postgresql://db:port/x").database_url("DATABASE_URL", "")


def test_choice_and_time_zone() -> None:
    assert source(LOG_LEVEL="info").choice("LOG_LEVEL", "WARNING", config.LOG_LEVELS) == "INFO"
    with pytest.raises(config.ConfigError, match=r"LOG_LEVEL='loud' .*must be one of DEBUG"):
        source(LOG_LEVEL="loud").choice("LOG_LEVEL", "WARNING", config.LOG_LEVELS)
    assert source(TIME_ZONE="Europe/Berlin").time_zone("TIME_ZONE", "UTC") == "Europe/Berlin"
    with pytest.raises(config.ConfigError, match=r"TIME_ZONE='Mars/Base' is not a known time zone"):
        source(TIME_ZONE="Mars/Base").time_zone("TIME_ZONE", "UTC")


def test_peppers() -> None:
    assert source(API_TOKEN_PEPPERS="1:abc,2:def").peppers("API_TOKEN_PEPPERS") == {
        1: "abc",
        2: "def",
    }
    assert source({"API_TOKEN_PEPPERS": {3: "xyz"}}).peppers("API_TOKEN_PEPPERS") == {3: "xyz"}
    for bad in ("abc", "x:abc", "0:abc", "1:"):
        with pytest.raises(config.ConfigError, match=r"API_TOKEN_PEPPERS .*must be of the form"):
            source(API_TOKEN_PEPPERS=bad).peppers("API_TOKEN_PEPPERS")


def test_unknown_file_names() -> None:
    values = source({"MAX_PAGE_SIZE": 5, "MAX_PAGESIZE": 5})
    values.integer("MAX_PAGE_SIZE", 1000)
    assert values.unknown_file_names() == ["MAX_PAGESIZE"]


def test_config_file_loading(tmp_path: Path) -> None:
    path = tmp_path / "config.py"
    path.write_text("import os\nMAX_PAGE_SIZE = 10\n_private = 1\nlowercase = 2\n")
    assert config.load_config_file(str(path)) == {"MAX_PAGE_SIZE": 10}
    assert config.load_config_file("") == {}


def test_config_file_errors(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError, match=r"^IPAMCORE_CONFIG='/no/such\.py': no such file$"):
        config.load_config_file("/no/such.py")
    broken = tmp_path / "broken.py"
    broken.write_text("MAX_PAGE_SIZE = (\n")
    with pytest.raises(config.ConfigError, match=r"could not be loaded: SyntaxError"):
        config.load_config_file(str(broken))
    failing = tmp_path / "failing.py"
    failing.write_text("raise RuntimeError('no vault')\n")
    with pytest.raises(config.ConfigError, match=r"could not be loaded: RuntimeError: no vault"):
        config.load_config_file(str(failing))


# --- system checks ------------------------------------------------------------------


def ids(messages: list) -> list[str]:
    return [message.id for message in messages]


def test_secret_key_checks() -> None:
    assert ids(checks.secret_key_errors("", debug=False)) == ["ipamcore.E001"]
    assert ids(checks.secret_key_errors("short", debug=False)) == ["ipamcore.E002"]
    assert checks.secret_key_errors("short", debug=True) == []
    assert checks.secret_key_errors("k" * 50, debug=False) == []


def test_paging_check() -> None:
    assert ids(checks.paging_errors(paginate_count=2000, max_page_size=1000)) == ["ipamcore.E003"]
    assert checks.paging_errors(paginate_count=2000, max_page_size=0) == []
    assert checks.paging_errors(paginate_count=50, max_page_size=1000) == []


def test_pepper_check() -> None:
    assert ids(checks.pepper_errors({1: "p" * 50, 2: "short"})) == ["ipamcore.E004"]
    assert "pepper 2" in checks.pepper_errors({2: "short"})[0].msg


def test_model_label_check() -> None:
    assert (
        checks.model_label_errors("PROTECTION_RULES", ["dcim.site", "tenancy.Tenant"], False) == []
    )
    errors = checks.model_label_errors("PROTECTION_RULES", ["dcim.sites", "site", 5], False)
    assert ids(errors) == ["ipamcore.E005"] * 3
    assert errors[0].msg.startswith("PROTECTION_RULES: 'dcim.sites' is not a model")
    assert checks.model_label_errors("EXEMPT_VIEW_PERMISSIONS", ["*"], allow_all=True) == []
    assert ids(checks.model_label_errors("CUSTOM_VALIDATORS", ["*"], allow_all=False)) == [
        "ipamcore.E005"
    ]


def test_unknown_name_warning() -> None:
    (warning,) = checks.unknown_name_warnings(["MAX_PAGESIZE"])
    assert warning.id == "ipamcore.W001"
    assert "MAX_PAGESIZE" in warning.msg


def test_registered_check_sees_the_settings(settings: object) -> None:
    settings.PAGINATE_COUNT = 500  # type: ignore[attr-defined]
    settings.MAX_PAGE_SIZE = 100  # type: ignore[attr-defined]
    settings.PROTECTION_RULES = {"ipam.nothing": []}  # type: ignore[attr-defined]
    assert ids(checks.check_settings()) == ["ipamcore.E003", "ipamcore.E005"]


def test_registered_check_passes_for_the_test_settings() -> None:
    assert checks.check_settings() == []


def test_check_command_reports_an_empty_secret_key(settings: object) -> None:
    from django.core.management.base import SystemCheckError

    settings.SECRET_KEY = ""  # type: ignore[attr-defined]
    with pytest.raises(SystemCheckError, match=r"ipamcore\.E001\) SECRET_KEY is not set"):
        call_command("check")


# --- how start-up failures look -----------------------------------------------------


def test_fail_prints_one_line_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info, startup.config_errors_exit():
        raise config.ConfigError("DEBUG='maybe' (from environment) is not a boolean")
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "ipamcore: configuration error: DEBUG='maybe' (from environment) is not a boolean\n"
    )


def test_require_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/ipam")
    monkeypatch.setenv("REDIS_URL", "")
    startup.require_environment("DATABASE_URL")
    with pytest.raises(SystemExit):
        startup.require_environment("DATABASE_URL", "REDIS_URL")
    assert "REDIS_URL must be set" in capsys.readouterr().err


def run_python(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SECRET_KEY": "k" * 50, **environ}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_manage_py_reports_a_bad_setting_without_traceback() -> None:
    result = run_python("manage.py", "check", DEBUG="maybe")
    assert result.returncode == 2
    assert result.stderr == (
        "ipamcore: configuration error: DEBUG='maybe' (from environment) is not a boolean "
        "(use true or false)\n"
    )


def test_gunicorn_config_refuses_to_start_without_database_url() -> None:
    result = run_python(
        "-c", "import ipamcore.gunicorn_config", DATABASE_URL="", REDIS_URL="redis://cache/0"
    )
    assert result.returncode == 2
    assert result.stderr.startswith("ipamcore: configuration error: DATABASE_URL must be set")
    assert "Traceback" not in result.stderr
