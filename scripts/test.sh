#!/usr/bin/env bash
# Runs Muninn's whole test suite on a fresh machine: installs what the tests need, then `swift test`.
# Usage: scripts/test.sh [extra swift test arguments, e.g. --filter KubeSimTests]
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }

# The official Python client checks the simulator's fidelity; openapi-schema-validator checks emitted objects.
python_modules_missing() {
    python3 - <<'PY' 2>/dev/null
import importlib.util, sys
needed = ["kubernetes", "openapi_schema_validator", "jsonschema", "yaml"]
sys.exit(1 if any(importlib.util.find_spec(m) is None for m in needed) else 0)
PY
}
if ! python_modules_missing; then
    log "installing Python test dependencies (kubernetes, openapi-schema-validator)"
    python3 -m pip install --quiet --disable-pip-version-check kubernetes openapi-schema-validator jsonschema pyyaml
fi

# kubectl checks the simulator from the other side; Debian's package is the fallback when none is installed.
if ! command -v kubectl >/dev/null 2>&1; then
    log "installing kubectl (Debian kubernetes-client)"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq kubernetes-client; else sudo apt-get update -qq && sudo apt-get install -y -qq kubernetes-client; fi
fi

# The dashboard's browser tests drive headless Chromium (Debian's package); they fail, never skip, without it.
if [ -z "${MUNINN_TEST_CHROMIUM:-}" ]; then
    MUNINN_TEST_CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
    if [ -z "$MUNINN_TEST_CHROMIUM" ]; then
        log "installing Chromium (Debian chromium)"
        if [ "$(id -u)" = 0 ]; then as_root=(); else as_root=(sudo); fi
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
        MUNINN_TEST_CHROMIUM=$(command -v chromium)
    fi
fi
export MUNINN_TEST_CHROMIUM
# Screenshots of the dashboard pages land in $MUNINN_TEST_ARTIFACTS/dashboard/ (default .build/test-artifacts/dashboard/).

# The PostgreSQL store's tests need a real server: a throwaway one, stopped however the tests end.
eval "$(scripts/postgres-test-server.sh start)"
trap 'scripts/postgres-test-server.sh stop "$MUNINN_TEST_POSTGRES_DIR"' EXIT

log "building"
swift build --build-tests
log "testing"
status=0
if [ "$#" -gt 0 ]; then
    swift test --skip-build "$@" || status=$?
else
    # Two rounds on these 2 cores: the unit and store suites first, then the suites that start real processes
    # (muninn, kubectl, python, chromium, PostgreSQL restarts) and servers. Run together, the second kind starves the
    # first past its time limits.
    # In parallel, at most twice as many tests at once as there are cores. Swift Testing starts every test of the
    # round at once by default (about 1,100 here), and a test's wall-clock deadlines (a fake server's 10 s, its
    # time limit) then cover the CPU work of all the others: on two cores they ran out. The cap gates a test before
    # its time limit starts. The variable is Swift Testing's own (6.3); an older toolchain ignores it.
    SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-$(( $(nproc) * 2 ))}" \
        swift test --skip-build --skip IntegrationTests --skip DashboardBrowserTests || status=$?
    log "testing end to end (processes, browsers)"
    # One at a time: these start real processes (muninn, PostgreSQL, chromium), and side by side on two cores they
    # starve each other past their deadlines.
    swift test --skip-build --no-parallel --filter IntegrationTests --filter DashboardBrowserTests || status=$?
fi
# The install (deploy/): manifests and the Helm chart against the OpenAPI schemas, `muninn check-config` and
# `kubectl apply --dry-run=server` against the simulator.
log "testing the install (deploy/tests)"
MUNINN_BINARY="$(swift build --show-bin-path)/muninn" python3 -m unittest discover -s deploy/tests -v || status=1
# Every committed fuzz input is replayed by the unit suite (FuzzCorpusTests). A short libFuzzer run of each parser
# (Fuzz/README.md) needs an instrumented release build of its own (20+ minutes on two cores), so it runs when asked:
# `MUNINN_FUZZ_SECONDS=20 scripts/test.sh`. A toolchain without libFuzzer then fails here rather than skipping.
if [ "$#" -eq 0 ] && [ -n "${MUNINN_FUZZ_SECONDS:-}" ]; then
    log "fuzzing each parser for ${MUNINN_FUZZ_SECONDS} s (scripts/fuzz.sh ci)"
    scripts/fuzz.sh ci "$MUNINN_FUZZ_SECONDS" || status=1
fi
exit "$status"
