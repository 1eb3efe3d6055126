#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources after user-visible strings changed. The .ts files
# are the one source of truth: translate the new (unfinished) German entries in Qt Linguist
# (`linguist translations/cada_de.ts`) or any editor. cada_en.ts holds English plural forms only.
# tst_translations fails while a tr() string has no finished German text.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
sources=(ui/src app/gui/main.cpp)
"$LUPDATE" -no-obsolete -locations none "${sources[@]}" -ts translations/cada_de.ts
"$LUPDATE" -no-obsolete -locations none -pluralonly "${sources[@]}" -ts translations/cada_en.ts
grep -c 'type="unfinished"' translations/cada_de.ts | xargs -I{} echo "cada_de.ts: {} unfinished"
