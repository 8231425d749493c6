#!/usr/bin/env bash
# The README's test command: install the project with its test extras into
# .venv and run the whole suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1
python3 -m venv .venv
# Extraction corpus (tests/corpus/): LibreOffice and the fonts its generators typeset with.
corpus_apt=(libreoffice-writer-nogui fonts-ebgaramond fonts-linuxlibertine fonts-dejavu-core fonts-liberation)
corpus_missing=()
for pkg in "${corpus_apt[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || corpus_missing+=("$pkg")
done
if [ ${#corpus_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${corpus_missing[@]}" >/dev/null
  else
    echo "tools/test.sh: the extraction corpus needs Debian packages: ${corpus_missing[*]}; install them with: sudo apt-get install -y ${corpus_missing[*]}" >&2
    exit 1
  fi
fi
.venv/bin/pip install -q -e ".[test]"
exec .venv/bin/python -m pytest "$@"
