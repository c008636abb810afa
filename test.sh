#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then runs `cargo test`.
# It works on a fresh machine (Debian, as root or with sudo) and is what .ci/run runs.
#   ./test.sh                 everything
#   ./test.sh some_test_name  extra arguments go to `cargo test`
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages: poppler reads the PDFs (pdfinfo, pdftotext, pdftoppm).
need_apt=()
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
  && command -v pdfinfo >/dev/null 2>&1 || need_apt+=(poppler-utils)
# LibreOffice Impress opens the PowerPoint decks; Liberation Sans stands in for Arial.
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-impress-nogui)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need_apt+=(fonts-liberation)
# Headless Chromium runs present.html.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  echo "test.sh: installing ${need_apt[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Python packages, in one virtual environment under target/: the `pdfua` accessibility checker
# and `typst` (the same 0.15 engine as a standalone compiler, for the --sources test).
VENV=target/pdfua-venv
# python-pptx reads the PowerPoint decks.
if [ ! -x "$VENV/bin/pdfua" ] || ! "$VENV/bin/python" -c "import typst, pptx" 2>/dev/null; then
  echo "test.sh: making the Python environment $VENV (pdfua, typst, python-pptx)" >&2
  mkdir -p target
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check pdfua "typst>=0.15,<0.16" python-pptx
fi

exec cargo test "$@"
