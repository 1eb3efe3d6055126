#!/usr/bin/env bash
# Builds the core tests with AddressSanitizer and UndefinedBehaviorSanitizer (gcc) in build-asan
# and runs them. On demand, not part of ./run.sh test: it takes about 20 minutes on 2 cores.
#   tools/sanitize.sh            build and run every core test
#   tools/sanitize.sh -R model   only the tests whose name matches (ctest -R)
# Leak detection is off: LibTorch, OpenMP and Qt keep process-lifetime singletons that LSan
# reports at exit. Any ASan or UBSan report fails the test (halt_on_error).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-asan}
JOBS=${JOBS:-$(nproc)}
"$ROOT/tools/setup.sh"

flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
        -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
fi
# The core tests, and the cada CLI that some of them run.
cmake --build "$BUILD_DIR" -j "$JOBS" --target cada cada_core_tests

export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Instrumented code runs several times slower: Qt Test's 5-minute limit per test function would
# stop the longest engine tests (Reverse Distillation training) before a sanitizer could speak.
export QTEST_FUNCTION_TIMEOUT=3600000
cd "$BUILD_DIR"
ctest -L core --output-on-failure -j "$JOBS" --timeout 3000 "$@"
