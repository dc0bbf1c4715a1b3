#!/usr/bin/env bash
# The small version of the benchmark (docs/rules.md, "Accuracy and cost"), for CI: 3 days of counters for two
# services (day/night traffic with an outage and a counter reset; a quiet service with long stretches
# of zero traffic), our rules backfilled into a real Prometheus on 127.0.0.1, a 2d SLO window.
# Asserts, at four instants, that our window error ratio is within 0.01 points of budget of the
# exact ratio over (T - window, T] (the SLIs are on counters, whose windows are exact), and that no
# recorded sample or queried value is NaN or Inf. Exits non-zero on failure.
# Needs prometheus and promtool on the PATH (Debian: apt-get install prometheus). About 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in prometheus promtool; do
  command -v "$tool" >/dev/null || { echo "$tool not found on the PATH" >&2; exit 2; }
done

exec npx tsx bench/run.ts --small --skip-live --skip-scale --skip-bundle "$@"
