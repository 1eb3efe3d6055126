#!/usr/bin/env bash
# The demo job behind `./run.sh demo`; takes the build folder as its argument.
set -euo pipefail
BUILD_DIR=${1:?build folder}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEMO_DIR=${DEMO_DIR:-$ROOT/demo}
CADA="$BUILD_DIR/app/cada"

if [[ ! -d "$DEMO_DIR/data" ]]; then
    "$CADA" demo-data --out "$DEMO_DIR/data"
fi
"$CADA" inspect-data "$DEMO_DIR/data"
echo
echo "Demo data: $DEMO_DIR/data"
