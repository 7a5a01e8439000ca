#!/usr/bin/env bash
# Renders the first page of each report type, from the demo data, into docs/img/ for the README.
# Needs LibreOffice (soffice) and poppler-utils (pdftoppm): apt-get install -y
# libreoffice-writer-nogui poppler-utils. Run from the repository root after `make run` once.
set -euo pipefail
PARINDEX="${PARINDEX:-.venv/bin/python -m parindex}"
out="docs/img"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
$PARINDEX demo >/dev/null
for spec in self_assessment:2026 par_implementation:2026-H1 conclusion_notice:2026-02 \
            lost_points:2026 dossiers:2026-10; do
  type="${spec%%:*}"
  period="${spec#*:}"
  $PARINDEX report --type "$type" --agency SKHCN --period "$period" --format docx \
    --output "$work/$type.docx" >/dev/null
  soffice --headless --convert-to pdf --outdir "$work" "$work/$type.docx" >/dev/null 2>&1
  pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/$type.pdf" "$out/report-$type"
  echo "$out/report-$type.png"
done
