#!/usr/bin/env bash
# The two Quick start commands:
#   ./run.sh demo   install what is missing, build, create demo data, train, open the workstation
#                   (headless without a display: writes the results and says where)
#   ./run.sh test   install what is missing, build, run the whole test suite
# Options via environment: BUILD_DIR (default build), JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc)}

setup_and_build() {
    "$ROOT/tools/setup.sh"
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
    fi
    cmake --build "$BUILD_DIR" -j "$JOBS"
}

cmd=${1:-}
case "$cmd" in
    test)
        setup_and_build
        cd "$BUILD_DIR"
        ctest --output-on-failure -j "$JOBS" --timeout 600
        ;;
    demo)
        setup_and_build
        "$ROOT/tools/demo.sh" "$BUILD_DIR"
        ;;
    *)
        echo "usage: ./run.sh demo | test" >&2
        exit 2
        ;;
esac
