"""gunicorn settings for `make serve`, the container and `make run`, all from the environment.

    gunicorn --config python:ipamcore.gunicorn_config ipamcore.wsgi

The master validates the configuration and runs the system checks before it forks,
so a bad setting stops the start-up with one message instead of N failing workers.
"""

import os as _os

# Underscored names: gunicorn reads every public module name as a setting.
from ipamcore import config as _config
from ipamcore import startup as _startup

_startup.require_environment("DATABASE_URL", "REDIS_URL")
_startup.check_or_exit()

with _startup.config_errors_exit():
    _source = _config.Source(_os.environ)
    bind = f"{_source.string('HOST', '0.0.0.0')}:{_source.integer('PORT', 8000, minimum=1)}"
    workers = _source.integer("WEB_WORKERS", 2, minimum=1)
    threads = _source.integer("WEB_THREADS", 4, minimum=1)
    timeout = _source.integer("WEB_TIMEOUT", 60, minimum=1)

worker_class = "gthread"
accesslog = "-"
# gunicorn's control socket lives at one path per user; several servers on a host would
# collide there, and we don't use it.
control_socket_disable = True
