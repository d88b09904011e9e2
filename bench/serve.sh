#!/usr/bin/env bash
# Start ipamcore as the benchmark measures it (docs/performance.md): gunicorn with
# WEB_WORKERS=2 web workers, as `make serve` runs it, against the machine's PostgreSQL
# in a database of its own (created and migrated here), with a superuser `admin` and a
# fresh API token. Prints the token and the benchmark command; Ctrl-C stops the server.
#
# Environment (all optional):
#   BENCH_DATABASE_URL  default postgresql://postgres@127.0.0.1:5432/ipamcore_bench
#   REDIS_URL           default redis://127.0.0.1:6379/3
#   PORT                default 8000 (the server binds 127.0.0.1 only)
#   WEB_WORKERS, WEB_THREADS   default 2 and 4, as `make serve`
#   VENV                default ./.venv (installed by `make install`); another venv is used as is
set -euo pipefail
cd "$(dirname "$0")/.."

results=bench/results
mkdir -p "$results"
export DATABASE_URL="${BENCH_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/ipamcore_bench}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/3}"
export WEB_WORKERS="${WEB_WORKERS:-2}" WEB_THREADS="${WEB_THREADS:-4}" PORT="${PORT:-8000}"
# v2 token digests are peppered with SECRET_KEY: keep one key so tokens survive restarts.
if [[ -z "${SECRET_KEY:-}" ]]; then
  if [[ ! -s $results/secret_key ]]; then
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 >"$results/secret_key")
  fi
  SECRET_KEY="$(cat "$results/secret_key")"
fi
export SECRET_KEY

venv="${VENV:-.venv}"
if [[ $venv == .venv ]]; then
  make --no-print-directory -s install
fi
python="$venv/bin/python"

# The database: created when missing (through the server's `postgres` database), migrated.
database="${DATABASE_URL##*/}"
database="${database%%\?*}"
maintenance_url="${DATABASE_URL%/*}/postgres"
if ! psql "$maintenance_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
  psql "$maintenance_url" -qc "CREATE DATABASE \"$database\""
fi
"$python" manage.py migrate --no-input -v 0

# `admin` (created once) and a new token; the previous bench token is removed.
output="$("$python" manage.py shell -v 0 -c '
import secrets
from users.models import Token, User
user = User.objects.filter(username="admin").first()
if user is None:
    password = secrets.token_urlsafe(12)
    user = User.objects.create_superuser("admin", "", password)
    print(f"admin user created, password: {password}", flush=True)
Token.objects.filter(user=user, description="bench/serve.sh").delete()
token = Token(user=user, description="bench/serve.sh")
token.set_plaintext()
token.save()
print(f"TOKEN {token.header_value}")
')"
grep -v '^TOKEN ' <<<"$output" || true
token="$(sed -n 's/^TOKEN //p' <<<"$output")"

# The same server and settings as `make serve`, bound to loopback; the access log goes to
# a file so the terminal keeps the token and the command. No control socket: gunicorn's
# default path is per user, and another server on this machine may be using it.
log="$results/serve.log"
"$venv/bin/gunicorn" ipamcore.wsgi --workers "$WEB_WORKERS" --threads "$WEB_THREADS" \
  --bind "127.0.0.1:$PORT" --access-logfile - --no-control-socket >"$log" 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM

url="http://127.0.0.1:$PORT"
for attempt in $(seq 60); do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "gunicorn exited; the end of $log:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  if curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$url/api/status/" 2>/dev/null; then
    break
  fi
  if [[ $attempt == 60 ]]; then
    echo "no answer from $url/api/status/ after 30 s; see $log" >&2
    exit 1
  fi
  sleep 0.5
done

cat <<EOF

ipamcore on $url/ ($WEB_WORKERS workers x $WEB_THREADS threads, database $database, log $log)
API token: $token

Run the benchmark from another terminal:
  $python bench/run.py --url $url --token $token \\
      --server-pids $server --json $results/run.json

Ctrl-C stops the server.
EOF
wait "$server"
