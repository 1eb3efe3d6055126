#!/usr/bin/env bash
# The demo job behind `./run.sh demo`; takes the build folder as its argument.
# Creates the demo data and trains the default model (if there is none, or it predates the build),
# evaluates it, scores the test images, and opens the workstation when a display is available.
set -euo pipefail
BUILD_DIR=${1:?build folder}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEMO_DIR=${DEMO_DIR:-$ROOT/demo}
CADA="$BUILD_DIR/app/cada"
DATA="$DEMO_DIR/data"
MODEL="$DEMO_DIR/patchcore.cada"

mkdir -p "$DEMO_DIR"
# Demo data from an earlier build is written again (about 3 s), so a change to the generator
# reaches the demo; the model is then retrained below. Only a folder that `cada demo-data` wrote
# (its README.txt says so) is ever replaced; anything else under DEMO_DIR/data is left alone.
if [[ -f "$DATA/README.txt" && "$CADA" -nt "$DATA/README.txt" ]] &&
    head -n 1 "$DATA/README.txt" | grep -q '^CADA Inspect synthetic demo data'; then
    echo "The demo data predates this build of cada; writing it again."
    rm -rf "$DATA"
fi
if [[ ! -d "$DATA" ]]; then
    "$CADA" demo-data --out "$DATA"
fi
# (not piped into head: with pipefail, a closed pipe would abort the demo)
"$CADA" inspect-data "$DATA" --no-decode
# A model from an earlier build is retrained, so the demo always shows what this build does.
if [[ ! -f "$MODEL" || "$CADA" -nt "$MODEL" ]]; then
    [[ -f "$MODEL" ]] && echo "The demo model predates this build of cada; retraining it."
    echo "Training the default model (PatchCore, built-in scattering backbone)..."
    "$CADA" train --data "$DATA" --out "$MODEL" --size 128
fi
"$CADA" eval --model "$MODEL" --data "$DATA" --json "$DEMO_DIR/eval.json"
"$CADA" score --model "$MODEL" --images "$DATA" --split test --out "$DEMO_DIR/scores.csv" --maps "$DEMO_DIR/maps"

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -x "$BUILD_DIR/app/cada-inspect" ]]; then
    exec "$BUILD_DIR/app/cada-inspect" --model "$MODEL" --open "$DATA"
fi
# Headless: the same job, with the workstation rendered to PNG files (Xvfb or offscreen).
DEMO_DIR="$DEMO_DIR" OUT_DIR="$DEMO_DIR/screenshots" "$ROOT/tools/make_screenshots.sh" "$BUILD_DIR" >/dev/null
echo
echo "No display: the demo ran headless. Results:"
echo "  data:        $DATA"
echo "  model:       $MODEL"
echo "  evaluation:  $DEMO_DIR/eval.json"
echo "  scores:      $DEMO_DIR/scores.csv"
echo "  maps:        $DEMO_DIR/maps/"
echo "  screenshots: $DEMO_DIR/screenshots/ (main window, histograms raw/aligned, heatmap)"
