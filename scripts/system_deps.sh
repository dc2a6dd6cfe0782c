#!/usr/bin/env bash
# Install the Debian packages a part of the project needs, only when they are missing.
#
#   scripts/system_deps.sh venv      python3 -m venv works (Debian splits it into python3-venv)
#   scripts/system_deps.sh test      Chromium + fonts for the browser tests, PostgreSQL 15, Redis
#
# Debian's chromium is used because Playwright's own browser download does not work without
# the internet. One `apt-get update` at most, and none at all when everything is present, so
# a second run costs nothing.
set -euo pipefail

installed() {  # installed PACKAGE: is the Debian package installed?
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for part in "$@"; do
    case "$part" in
        venv)
            python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
            ;;
        test)
            [ -x /usr/bin/chromium ] || missing+=(chromium)
            # Real glyphs in the rendered pages (accessibility checks measure text).
            installed fonts-dejavu-core || missing+=(fonts-dejavu-core)
            [ -x /usr/lib/postgresql/15/bin/pg_ctl ] || missing+=(postgresql-15)
            # The shared cache (sessions, signed-in users): as deployed, not a stand-in.
            [ -x /usr/bin/redis-server ] || missing+=(redis-server)
            ;;
        *)
            echo "system_deps.sh: unknown part '$part' (use: venv, test)" >&2
            exit 2
            ;;
    esac
done

[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "Missing system packages: ${missing[*]}. Install them (Debian names) and run again." >&2
    exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || {
        echo "Missing system packages: ${missing[*]}; need root (or sudo) to install them." >&2
        exit 1
    }
    sudo=(sudo)
fi

echo "Installing Debian packages: ${missing[*]}"
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "Installed ${missing[*]} in $((SECONDS - start)) s"
