#!/bin/sh
# Installs the Debian packages budgetc needs, only when they are missing.
#   scripts/install-deps.sh          libxlsxwriter-dev (to build)
#   scripts/install-deps.sh --test   also libreoffice-calc-nogui (the interop test recalculates the workbook; --pdf),
#                                    poppler-utils (print tests read the PDF), a CJK font (fonts-noto-cjk) and
#                                    Carlito (fonts-crosextra-carlito, Calibri's metrics for column widths)
set -eu

need=""
pkg-config --exists xlsxwriter 2>/dev/null || need="$need libxlsxwriter-dev"
if [ "${1:-}" = "--test" ]; then
    command -v soffice >/dev/null 2>&1 || need="$need libreoffice-calc-nogui"
    command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
    # A CJK font, so that LibreOffice renders the workbook's 宋体 text as real glyphs (print tests, --pdf).
    fc-list :lang=zh 2>/dev/null | grep -q . || need="$need fonts-noto-cjk"
    # Carlito has Calibri's metrics: column widths (in digits of the default font) print as in Excel.
    fc-list 2>/dev/null | grep -qi carlito || need="$need fonts-crosextra-carlito"
fi
[ -z "$need" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "budgetc needs:$need — install them with apt-get (as root)." >&2
    exit 2
fi
echo "Installing:$need" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$sudo apt-get install -y -q $need >/dev/null 2>&1 || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q $need >/dev/null; }
