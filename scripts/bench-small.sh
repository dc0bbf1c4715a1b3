#!/usr/bin/env bash
# The small version of the benchmark (README, "Accuracy and cost"), for CI: 3 days of counters for two
# services (day/night traffic with an outage and a counter reset; a quiet service with long stretches
# of zero traffic), our rules backfilled into a real Prometheus on 127.0.0.1, a 2d SLO window.
# Asserts, at four instants, that our window error ratio is within max(0.01, lag band) points of
# budget of the exact ratio (plus the measured effect of rate()'s extrapolation at counters near
# zero), that the rules equal a model of them computed from the raw counters (0.001 points), and
# that no recorded sample or queried value is NaN or Inf. Exits non-zero on failure.
# Needs prometheus and promtool on the PATH (Debian: apt-get install prometheus). About 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in prometheus promtool; do
  command -v "$tool" >/dev/null || { echo "$tool not found on the PATH" >&2; exit 2; }
done

exec npx tsx bench/run.ts --small --skip-live --skip-scale --skip-bundle "$@"
