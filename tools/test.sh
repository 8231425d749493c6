#!/usr/bin/env bash
# The README's test command: install the project with its test extras into
# .venv and run the whole suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# The browser tests need Debian's Chromium; they never skip, so install it now
# when we can (root, or sudo without a password) and otherwise stop and say how.
CHROMIUM="${HANDBOOK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
  if [ "$SUDO" = none ] || ! command -v apt-get >/dev/null; then
    echo "tools/test.sh: $CHROMIUM is missing and cannot be installed from here;" \
         "install it (Debian/Ubuntu: sudo apt-get install -y chromium) and run bash tools/test.sh again" >&2
    exit 1
  fi
  echo "tools/test.sh: installing Chromium for the browser tests (apt-get install chromium)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q -e ".[test]"
exec .venv/bin/python -m pytest "$@"
