#!/usr/bin/env bash
# Browser tests of the app in the preview host: builds the preview bundle, starts the preview stack
# (Prometheus, traffic generator, preview server) on free ports with a fresh data directory, and runs
# tests/browser/*.browser.ts with node's test runner in headless Chromium (Debian's, through playwright-core).
# Screenshots: test-results/screenshots/. Log of the stack: test-results/preview.log.
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
# Build first, in the foreground, so that a build error shows here and not in the stack's log.
node node_modules/webpack-cli/bin/cli.js -c preview/webpack.config.ts
echo "browser-tests: preview bundle built in $(( $(date +%s) - started ))s"

PREVIEW_NO_BUILD=1 node --import tsx --test --test-reporter=spec --test-concurrency=1 tests/browser/*.browser.ts
echo "browser-tests: done in $(( $(date +%s) - started ))s; screenshots in test-results/screenshots/"
