#!/bin/sh
# Container roles (the first argument):
#   web           migrate (serialised across replicas), then gunicorn as `make serve` runs it
#   worker        the RQ worker, as `make worker` runs it
#   housekeeping  `manage.py housekeeping` now and then every HOUSEKEEPING_INTERVAL seconds
#   anything else is run as given, e.g. `python manage.py createsuperuser`
set -eu

require_servers() {
    if [ -z "${DATABASE_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; then
        echo "ipamcore: configuration error: DATABASE_URL and REDIS_URL must be set" >&2
        exit 2
    fi
}

case "${1:-web}" in
    web)
        require_servers
        python manage.py migrate --no-input
        exec gunicorn --config python:ipamcore.gunicorn_config ipamcore.wsgi
        ;;
    worker)
        require_servers
        exec python manage.py rqworker high default low
        ;;
    housekeeping)
        require_servers
        # Sleep in the background so SIGTERM (docker stop) ends the wait at once.
        sleeper=""
        trap 'kill $sleeper 2>/dev/null; exit 0' TERM INT
        while true; do
            python manage.py housekeeping
            sleep "${HOUSEKEEPING_INTERVAL:-86400}" &
            sleeper=$!
            wait "$sleeper"
        done
        ;;
    *)
        exec "$@"
        ;;
esac
