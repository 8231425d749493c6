#!/usr/bin/env bash
# The README's test command: install the project with its test extras into
# .venv and run the whole suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1
python3 -m venv .venv
.venv/bin/pip install -q -e ".[test]"
exec .venv/bin/python -m pytest "$@"
