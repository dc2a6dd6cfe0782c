#!/usr/bin/env bash
# Run one command with the throwaway test services up, then stop them whatever happens.
#
#   scripts/test_services.sh COMMAND [ARGS...]
#   scripts/test_services.sh .venv/bin/python -m pytest tests/members -x
#   scripts/test_services.sh env | grep -E 'DATABASE_URL|STRIPE'
#
# Services, each private to this run (so runs never share state or collide on ports):
#   - PostgreSQL 15: a fresh cluster in a temporary folder under /tmp, reachable only on a
#     unix socket in that folder; durability off (fsync etc.) because the data is thrown away.
#   - localstripe: the fake Stripe API, on 127.0.0.1 on a port the kernel picks.
#   - Redis 7: the shared cache (sessions, signed-in users and their roles), on a unix
#     socket in the same folder, nothing saved to disk.
# The command gets DATABASE_URL, REDIS_URL, STRIPE_* and the browser settings in its environment.
# Exits with the command's exit code. The environment variable PYTHON picks the interpreter
# that runs localstripe (default: .venv/bin/python).
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-30}   # seconds each service may take to come up

REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}

for tool in "$PGBIN/initdb" "$PGBIN/pg_ctl" "$PYTHON" "$REDIS_SERVER"; do
    [ -x "$tool" ] || {
        echo "test_services.sh: $tool is missing (make test installs it)" >&2
        exit 1
    }
done

# The PostgreSQL server refuses to run as root: as root, run it as the postgres user.
if [ "$(id -u)" -eq 0 ]; then
    as_pg=(runuser -u postgres --)
else
    as_pg=()
fi

# Under /tmp (not $TMPDIR, which may be under root's home): the postgres user must reach it.
BASE=$(mktemp -d /tmp/coop-test.XXXXXX)
PGDATA=$BASE/pgdata
LS_PID=
REDIS_PID=

# Runs on any exit (success, failure, `set -e`, Ctrl-C, kill): stop what we started.
cleanup() {
    local status=$?
    trap - EXIT
    # Finish the clean-up whatever happens: no `set -e`, and a closed stdout/stderr pipe
    # (`... | head`) must not kill us before the services are stopped and the folder removed.
    set +e
    trap '' PIPE INT TERM
    if [ -n "$LS_PID" ] && kill -0 "$LS_PID" 2>/dev/null; then
        kill "$LS_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$LS_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$LS_PID" 2>/dev/null || true
    fi
    if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
        kill "$REDIS_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$REDIS_PID" 2>/dev/null || true
    fi
    if [ -f "$PGDATA/postmaster.pid" ]; then
        "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [ "$status" -ne 0 ] && [ -n "${SERVICE_LOGS_ON_FAILURE:-${CI:-}}" ]; then
        for log in "$BASE/postgres.log" "$BASE/localstripe.log" "$BASE/redis.log"; do
            [ -s "$log" ] && { echo "--- last lines of $log"; tail -n 40 "$log"; } >&2
        done
    fi
    rm -rf "$BASE"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {  # fail MESSAGE LOG: say why, show the service's log, exit non-zero
    echo "test_services.sh: $1" >&2
    [ -s "$2" ] && { echo "--- $2:"; tail -n 40 "$2"; } >&2
    exit 1
}

now_ms() { date +%s%3N; }

# wait_for WHAT PID LOG CHECK...: until CHECK succeeds; fails if PID exits or the time runs out.
wait_for() {
    local what=$1 pid=$2 log=$3 deadline=$((SECONDS + STARTUP_TIMEOUT))
    shift 3
    until "$@"; do
        kill -0 "$pid" 2>/dev/null || fail "$what exited at start" "$log"
        [ $SECONDS -lt $deadline ] || fail "$what did not start in ${STARTUP_TIMEOUT}s" "$log"
        sleep 0.05
    done
}

# --- PostgreSQL -------------------------------------------------------------------------
t0=$(now_ms)
[ "$(id -u)" -eq 0 ] && chown postgres: "$BASE"
"${as_pg[@]}" "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
    >"$BASE/initdb.log" 2>&1 || fail "initdb failed" "$BASE/initdb.log"
# max_connections: tests fire concurrent requests at the live server.
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$BASE/postgres.log" -w -t "$STARTUP_TIMEOUT" \
    -o "-c listen_addresses='' -c unix_socket_directories=$BASE -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || fail "PostgreSQL did not start" "$BASE/postgres.log"
# Not needed by pytest-django (it creates test_coop), but lets `manage.py` commands connect.
"${as_pg[@]}" "$PGBIN/createdb" -h "$BASE" -U postgres coop \
    || fail "createdb failed" "$BASE/postgres.log"
t1=$(now_ms)

# --- localstripe ------------------------------------------------------------------------
"$PYTHON" "$ROOT/scripts/localstripe_server.py" --port 0 --port-file "$BASE/localstripe.port" \
    >"$BASE/localstripe.log" 2>&1 </dev/null &
LS_PID=$!
wait_for localstripe "$LS_PID" "$BASE/localstripe.log" test -s "$BASE/localstripe.port"
LS_PORT=$(cat "$BASE/localstripe.port")
export STRIPE_API_BASE=http://127.0.0.1:$LS_PORT
export STRIPE_SECRET_KEY=sk_test_coop
export STRIPE_PUBLISHABLE_KEY=pk_test_coop
export STRIPE_WEBHOOK_SECRET=whsec_test_coop
# Ready when an authenticated API call answers 200.
"$PYTHON" - "$STARTUP_TIMEOUT" <<'EOF' || fail "localstripe did not answer" "$BASE/localstripe.log"
import os, sys, time, urllib.request

url = os.environ["STRIPE_API_BASE"] + "/v1/customers"
request = urllib.request.Request(
    url, headers={"Authorization": "Bearer " + os.environ["STRIPE_SECRET_KEY"]})
deadline = time.monotonic() + float(sys.argv[1])
while True:
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            if response.status == 200:
                break
    except OSError as error:
        if time.monotonic() > deadline:
            sys.exit(f"{url}: {error}")
    time.sleep(0.05)
EOF
t2=$(now_ms)

# --- Redis ------------------------------------------------------------------------------
# No TCP port (port 0): only the unix socket in our folder. No snapshots, no append log.
"$REDIS_SERVER" --port 0 --unixsocket "$BASE/redis.sock" --unixsocketperm 700 \
    --save '' --appendonly no --dir "$BASE" --logfile "$BASE/redis.log" </dev/null &
REDIS_PID=$!
wait_for Redis "$REDIS_PID" "$BASE/redis.log" test -S "$BASE/redis.sock"
export REDIS_URL="unix://$BASE/redis.sock"
t3=$(now_ms)

export DATABASE_URL="postgres://postgres@/coop?host=$BASE"
# Playwright's sync API inside pytest-django's live_server tests.
export DJANGO_ALLOW_ASYNC_UNSAFE=true
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

echo "test services up: PostgreSQL 15 in $((t1 - t0)) ms (socket in $BASE)," \
    "localstripe in $((t2 - t1)) ms ($STRIPE_API_BASE), Redis in $((t3 - t2)) ms" >&2

# Not `exec`: the EXIT trap must run afterwards to stop the services. In the background so
# that a TERM sent to this script alone is passed on at once (bash runs traps only between
# commands); `trap - INT QUIT` undoes bash's ignoring of Ctrl-C in background commands, and
# fd 3 hands over our stdin (a debugger or an interactive shell still reads the terminal).
exec 3<&0
( trap - INT QUIT; exec "$@" ) <&3 3<&- &
CHILD=$!
trap 'kill -TERM "$CHILD" 2>/dev/null || true' TERM
# Ctrl-C reaches the command from the terminal itself: let it finish its own way.
trap ':' INT
while kill -0 "$CHILD" 2>/dev/null; do
    wait "$CHILD" || true
done
set +e
wait "$CHILD"   # the command's own exit status, even if a trap interrupted the wait above
status=$?
set -e
exit "$status"
