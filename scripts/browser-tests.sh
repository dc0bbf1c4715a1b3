#!/usr/bin/env bash
# Browser tests of the app in the preview host: builds the preview bundle, starts the preview stack
# (Prometheus, traffic generator, preview server) on free ports with a fresh data directory, and runs
# tests/browser/*.browser.ts with node's test runner in headless Chromium (Debian's, through playwright-core).
# dist.browser.ts runs last: the plugin as users install it (dist/, built here when missing or older than
# src/) in the preview's dist mode, with the Grafana packages of the oldest version plugin.json claims and
# of the newest on npm, installed and built in the background while the preview bundle builds.
# Screenshots: test-results/screenshots/. Logs of the stacks: test-results/preview*.log.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "browser-tests: $chromium is missing: apt-get install -y chromium" >&2
  exit 1
fi
command -v prometheus >/dev/null 2>&1 || {
  echo "browser-tests: prometheus is missing: apt-get install -y --no-install-recommends prometheus" >&2
  exit 1
}

rm -rf test-results/screenshots
mkdir -p test-results/screenshots

started=$(date +%s)
# The Grafana packages for the dist suite (skipped when already there): "<version> <folder>" per line.
node --import tsx preview/grafanaPackages.ts oldest newest >test-results/grafana-packages.out \
  2>test-results/grafana-packages.log </dev/null &
packages_pid=$!
# Stops the background job when this script stops early (a failed build).
trap 'kill "$packages_pid" 2>/dev/null || true' EXIT

# Build first, in the foreground, so that a build error shows here and not in the stack's log.
node node_modules/webpack-cli/bin/cli.js -c preview/webpack.config.ts
echo "browser-tests: preview bundle built in $(( $(date +%s) - started ))s"
# The packages finish before the suites start: their builds would take the CPU that the suites' time limits
# count on (figures from raw data within a minute, reports within two).
if ! wait "$packages_pid"; then
  echo "browser-tests: installing or building the Grafana packages failed; see test-results/grafana-packages.log" >&2
  exit 1
fi
echo "browser-tests: Grafana packages ready in $(( $(date +%s) - started ))s"

suites=()
for suite in tests/browser/*.browser.ts; do
  [ "$suite" = tests/browser/dist.browser.ts ] || suites+=("$suite")
done
status=0
PREVIEW_NO_BUILD=1 node --import tsx --test --test-reporter=spec --test-concurrency=1 "${suites[@]}" || status=$?

if [ ! -f dist/module.js ] || [ -n "$(find src -newer dist/module.js -print -quit)" ]; then
  npm run -s build
fi
versions=$(cut -d' ' -f1 test-results/grafana-packages.out | tr '\n' ' ')
grep -E 'packages: |host: ' test-results/grafana-packages.log | sed 's/^\[grafana-packages\]/browser-tests:/' || true
DIST_GRAFANA_VERSIONS="$versions" PREVIEW_NO_BUILD=1 node --import tsx --test --test-reporter=spec \
  --test-concurrency=1 tests/browser/dist.browser.ts || status=$?
echo "browser-tests: done in $(( $(date +%s) - started ))s; screenshots in test-results/screenshots/"
exit "$status"
