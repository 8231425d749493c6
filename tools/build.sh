#!/usr/bin/env bash
# The README's build command: install the project into .venv and build the
# handbook from the sources in source_pdfs/ into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1
python3 -m venv .venv
.venv/bin/pip install -q -e .
exec .venv/bin/handbook build "$@"
