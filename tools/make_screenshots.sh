#!/usr/bin/env bash
# Writes the README screenshots with `cada-inspect --screenshot` (real scoring, real widgets):
#   docs/screenshots/main_window.png        the workstation on the demo test images
#   docs/screenshots/histogram_raw.png      per-group histograms of the raw detector score
#   docs/screenshots/histogram_aligned.png  the same images after CADA alignment, with threshold
#   docs/screenshots/heatmap.png            the image panel on the highest-scoring (defective) image
#   docs/screenshots/histogram_labels.png   aligned scores, normal and defective apart (layout labels)
#   docs/screenshots/main_window_de.png     the workstation at 1280 x 800 in German
#   docs/screenshots/report_page2.png       page 2 of the PDF report of a project of the test images
# usage: tools/make_screenshots.sh [BUILD_DIR]     (default: build)
# Creates the demo data (cada demo-data) and trains the default model (cada train --size 128)
# when they are missing, in DEMO_DIR (default: demo/, shared with ./run.sh demo).
# Uses the display when there is one, else Xvfb (xvfb-run), else Qt's offscreen platform.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${1:-$ROOT/build}
DEMO_DIR=${DEMO_DIR:-$ROOT/demo}
OUT_DIR=${OUT_DIR:-$ROOT/docs/screenshots}
CADA="$BUILD_DIR/app/cada"
INSPECT="$BUILD_DIR/app/cada-inspect"
DATA="$DEMO_DIR/data"
MODEL="$DEMO_DIR/patchcore.cada"

for exe in "$CADA" "$INSPECT"; do
    [[ -x "$exe" ]] || { echo "make_screenshots: $exe is missing; build first (cmake --build $BUILD_DIR)." >&2; exit 1; }
done
mkdir -p "$DEMO_DIR" "$OUT_DIR"
if [[ ! -d "$DATA" ]]; then
    "$CADA" demo-data --out "$DATA"
fi
if [[ ! -f "$MODEL" ]]; then
    echo "Training the default model (PatchCore, built-in scattering backbone, 128 px)..."
    "$CADA" train --data "$DATA" --out "$MODEL" --size 128
fi

# Clean settings: default window layout, no recent lists, no stored threshold or colormap.
CONFIG=$(mktemp -d)
trap 'rm -rf "$CONFIG"' EXIT
export XDG_CONFIG_HOME="$CONFIG"

inspect() {
    if [[ -n "${DISPLAY:-}" ]]; then
        QT_QPA_PLATFORM=xcb "$INSPECT" "$@"
    elif command -v xvfb-run >/dev/null; then
        xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb "$INSPECT" "$@"
    else
        QT_QPA_PLATFORM=offscreen "$INSPECT" "$@"
    fi
}

common=(--model "$MODEL" --open "$DATA" --language en)
inspect "${common[@]}" --window-size 1440x860 --select 0 --screenshot "$OUT_DIR/main_window.png"
inspect "${common[@]}" --screenshot-panel histogram --histogram raw --screenshot "$OUT_DIR/histogram_raw.png"
inspect "${common[@]}" --screenshot-panel histogram --histogram aligned --screenshot "$OUT_DIR/histogram_aligned.png"
inspect "${common[@]}" --window-size 1500x900 --screenshot-panel heatmap --select 0 \
    --screenshot "$OUT_DIR/heatmap.png"
inspect "${common[@]}" --screenshot-panel histogram --histogram labels \
    --screenshot "$OUT_DIR/histogram_labels.png"
inspect --model "$MODEL" --open "$DATA" --language de --window-size 1280x800 --select 0 \
    --screenshot "$OUT_DIR/main_window_de.png"

# The PDF report of a project of the test images, first page (pdftoppm from poppler-utils).
if command -v pdftoppm >/dev/null; then
    WORK=$(mktemp -d)
    "$CADA" -q project create --model "$MODEL" --images "$DATA" --out "$WORK/demo.cadaproj" >/dev/null
    "$CADA" -q report --project "$WORK/demo.cadaproj" --out "$WORK/report" >/dev/null
    pdftoppm -png -r 60 -f 2 -l 2 -singlefile "$WORK/report/report.pdf" "$OUT_DIR/report_page2"
    rm -rf "$WORK"
fi

echo "Screenshots written to $OUT_DIR:"
ls -l "$OUT_DIR"/*.png
