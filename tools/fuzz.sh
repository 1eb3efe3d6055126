#!/usr/bin/env bash
# Builds the fuzz targets with clang's libFuzzer, AddressSanitizer and UBSan (build-fuzz) and runs
# each for a while. On demand, not part of ./run.sh test (which runs them for seconds with the
# plain driver).
#   tools/fuzz.sh [SECONDS]        default 600 per target
# New interesting inputs go to build-fuzz/corpus/<target>; findings (crash-*, timeout-*, oom-*)
# to build-fuzz/findings/<target>, and the script fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_EACH=${1:-600}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-fuzz}
"$ROOT/tools/setup.sh"
for p in clang libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        { echo "fuzz: installing $p"; sudo_=""; [[ $(id -u) -ne 0 ]] && sudo_=sudo;
          $sudo_ apt-get install -y -qq --no-install-recommends "$p" >/dev/null; }
done

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCADA_LIBFUZZER=ON -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON \
        -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
fi
# The model seed is the tiny model the suite trains, made by the regular build's CLI when there is
# one (./run.sh test), else by this build's.
CADA=${CADA:-$ROOT/build/app/cada}
targets=(fuzz_image_loader fuzz_model_file)
[[ -x "$CADA" ]] || { CADA="$BUILD_DIR/app/cada"; targets+=(cada); }
cmake --build "$BUILD_DIR" --target "${targets[@]}"
seeds="$BUILD_DIR/seeds"
mkdir -p "$seeds"
[[ -f "$seeds/model/model.cada" ]] ||
    cmake -DCADA="$CADA" -DOUT="$seeds/model" -P "$ROOT/tests/fuzz/MakeModelSeed.cmake"

export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1
export OMP_NUM_THREADS=1
status=0
for target in image_loader model_file; do
    seed="$ROOT/tests/fuzz/corpus/image"
    [[ $target == model_file ]] && seed="$seeds/model"
    corpus="$BUILD_DIR/corpus/$target" findings="$BUILD_DIR/findings/$target"
    mkdir -p "$corpus" "$findings"
    echo "fuzz: $target for $SECONDS_EACH s"
    # -close_fd_mask=2: the decoders' own stderr chatter (libpng, libjpeg) is not a finding.
    if ! "$BUILD_DIR/tests/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=30 \
        -rss_limit_mb=4096 -malloc_limit_mb=3072 -close_fd_mask=2 -print_final_stats=1 \
        -artifact_prefix="$findings/" "$corpus" "$seed" 2>&1 | tee "$BUILD_DIR/fuzz_$target.log" |
        grep -E "^#[0-9]+ +(DONE|INITED)|stat::|ERROR|SUMMARY"; then
        :
    fi
    if ls "$findings"/* >/dev/null 2>&1; then
        echo "fuzz: $target FOUND something: $(ls "$findings")"
        status=1
    fi
done
exit $status
