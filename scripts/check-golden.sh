#!/usr/bin/env bash
# Every golden rule file must pass `promtool check rules`: the Prometheus files as they are, and the
# rule groups inside the PrometheusRule CRDs and the Mimir ruler namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npx tsx scripts/extract-groups.ts src/rules/testdata "$work"
promtool check rules src/rules/testdata/*.rules.yaml "$work"/*.yaml
