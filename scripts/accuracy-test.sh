#!/usr/bin/env bash
# Accuracy of the 30d error budget of the generated rules against exact ground truth, on a real
# Prometheus on 127.0.0.1 with 32 days of backfilled history (tests/accuracy/README.md).
# Needs prometheus and promtool on the PATH (Debian: apt-get install prometheus). About 2-3 minutes on
# 2 cores. Exits non-zero if an error is above its tolerance.
#
#   scripts/accuracy-test.sh            # KEEP=1 keeps the temporary directory (data, rules, log)
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in prometheus promtool; do
  command -v "$tool" >/dev/null || { echo "$tool not found on the PATH" >&2; exit 2; }
done

exec npx tsx tests/accuracy/run.ts
