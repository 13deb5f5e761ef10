#!/usr/bin/env bash
# Fuzzes Muninn's parsers with libFuzzer (see Fuzz/README.md).
#
#   scripts/fuzz.sh build                  build the instrumented binary (.build-fuzz, release)
#   scripts/fuzz.sh list                   the targets
#   scripts/fuzz.sh TARGET [SECONDS] [libFuzzer flags...]
#                                          fuzz one target (default 600 s) from Fuzz/corpus/TARGET
#   scripts/fuzz.sh all [SECONDS]          every target in turn (default 600 s each)
#   scripts/fuzz.sh ci [SECONDS]           build, then every target briefly (default 20 s each); fails on a finding
#   scripts/fuzz.sh merge TARGET [flags]   reduce Fuzz/corpus/TARGET and what fuzzing kept to what adds coverage
#
# New inputs go to .build-fuzz/corpus/TARGET (not committed) and findings to .build-fuzz/findings/; a finding
# is fixed, then its input is committed to Fuzz/regressions/TARGET/, which the test suite replays.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'fuzz.sh: %s\n' "$*" >&2; exit 1; }

SCRATCH=.build-fuzz
TARGETS=(json watch-stream fast-pod kubeconfig config-yaml kwatchman-toml environment routing-rules log-text)

# libFuzzer's runtime without its main(): muninn keeps its own and starts the fuzzer from `muninn fuzz`.
swift_bin=$(dirname "$(readlink -f "$(command -v swiftc)")")
runtime=$(ls "$swift_bin"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1 || true)

build() {
    [ -n "$runtime" ] || die "libFuzzer's runtime (libclang_rt.fuzzer_no_main) is not in this Swift toolchain ($swift_bin)"
    # A fresh scratch directory resolves packages again; reuse the main build's checkouts when offline.
    if [ ! -d "$SCRATCH/checkouts" ] && [ -d .build/checkouts ]; then
        mkdir -p "$SCRATCH"
        cp -R .build/repositories .build/checkouts "$SCRATCH"/ 2>/dev/null || true
        cp .build/workspace-state.json "$SCRATCH"/ 2>/dev/null || true
    fi
    log "building the instrumented muninn (release, -sanitize=fuzzer) in $SCRATCH"
    # The frontend flag instruments without the driver linking libFuzzer's main(); the runtime is linked by
    # hand, its driver kept and exported so `muninn fuzz` finds it with dlsym.
    swift build -c release --scratch-path "$SCRATCH" --product muninn \
        -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer \
        -Xlinker "$runtime" -Xlinker -lstdc++ -Xlinker -lm \
        -Xlinker -u -Xlinker LLVMFuzzerRunDriver -Xlinker --export-dynamic-symbol=LLVMFuzzerRunDriver
    binary="$SCRATCH/release/muninn"
    # Fail loudly if the toolchain built it without the fuzzer: the binary would only replay files.
    local probe
    probe=$(mktemp -d)
    local output
    output=$(SWIFT_BACKTRACE=enable=no "$binary" fuzz json -runs=1 "$probe" 2>&1 || true)
    if ! grep -q "INFO: Seed" <<<"$output"; then
        rm -rf "$probe"
        die "$binary does not run libFuzzer (was -sanitize=fuzzer honoured?)"
    fi
    rm -rf "$probe"
}

binary="$SCRATCH/release/muninn"

run_target() {
    local target=$1 seconds=$2
    shift 2
    [ -x "$binary" ] || die "no fuzz build: run scripts/fuzz.sh build"
    printf '%s\n' "${TARGETS[@]}" | grep -qx "$target" || die "unknown target '$target' (scripts/fuzz.sh list)"
    local work="$SCRATCH/corpus/$target" findings="$SCRATCH/findings/$target"
    mkdir -p "$work" "$findings" "Fuzz/corpus/$target"
    log "fuzzing $target for ${seconds}s"
    # Swift's own crash handler would pre-empt libFuzzer's, which saves the input.
    local status=0
    SWIFT_BACKTRACE=enable=no "$binary" fuzz "$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=262144 -print_final_stats=1 \
        -artifact_prefix="$findings/" "$@" "$work" "Fuzz/corpus/$target" >"$SCRATCH/fuzz-$target.log" 2>&1 || status=$?
    grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|stat::|ERROR|Fatal error|Test unit written" "$SCRATCH/fuzz-$target.log" \
        | cut -c1-400 >&2 || true
    if [ "$status" -ne 0 ]; then
        log "$target: FINDING (exit $status); the input is in $findings/, the log in $SCRATCH/fuzz-$target.log"
        return 1
    fi
}

command=${1:-}
case "$command" in
    build) build ;;
    list) printf '%s\n' "${TARGETS[@]}" ;;
    all)
        failed=0
        for target in "${TARGETS[@]}"; do run_target "$target" "${2:-600}" || failed=1; done
        exit "$failed"
        ;;
    ci)
        build
        failed=0
        for target in "${TARGETS[@]}"; do run_target "$target" "${2:-20}" || failed=1; done
        exit "$failed"
        ;;
    merge)
        # Reduces what fuzzing kept plus the committed inputs to the fewest that reach every edge the seeds do not
        # (libFuzzer's -set_cover_merge, which re-runs `muninn fuzz TARGET` per batch; -use_counters=0: edges, not
        # hit counts), and makes that Fuzz/corpus/TARGET. The seeds (seed-*, from Fuzz/make-seed-corpus.py) are kept
        # as they are; other inputs are cut to 8 KiB (the seeds hold whole documents). The committed corpus stays
        # small; .build-fuzz/corpus keeps everything for the next run. Extra arguments go to libFuzzer.
        target=${2:?usage: scripts/fuzz.sh merge TARGET}
        [ -x "$binary" ] || die "no fuzz build: run scripts/fuzz.sh build"
        [ -d "$SCRATCH/corpus/$target" ] || die "nothing fuzzed yet for $target"
        merged="$SCRATCH/merged/$target"
        rm -rf "$merged"
        mkdir -p "$merged"
        cp Fuzz/corpus/"$target"/seed-* "$merged"/
        SWIFT_BACKTRACE=enable=no "$binary" fuzz "$target" -set_cover_merge=1 -use_counters=0 -timeout=10 \
            -rss_limit_mb=3072 -max_len=8192 "${@:3}" "$merged" "Fuzz/corpus/$target" "$SCRATCH/corpus/$target" \
            >"$SCRATCH/merge-$target.log" 2>&1 || die "merging $target failed, see $SCRATCH/merge-$target.log"
        grep -E "MERGE-OUTER: [0-9]+ new files" "$SCRATCH/merge-$target.log" >&2 || true
        find "Fuzz/corpus/$target" -type f ! -name 'seed-*' -delete
        cp -n "$merged"/* "Fuzz/corpus/$target"/
        log "$target: $(ls "Fuzz/corpus/$target" | wc -l) inputs, $(du -s --apparent-size -h "Fuzz/corpus/$target" | cut -f1) in Fuzz/corpus/$target"
        ;;
    "" | -h | --help) sed -n '2,14p' "$0" ;;
    *) run_target "$command" "${2:-600}" "${@:3}" ;;
esac
