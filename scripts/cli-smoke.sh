#!/usr/bin/env bash
# Runs the CLI as the README shows it: valid files give rules that promtool accepts, broken files give
# one line per problem, exit 1 and no output.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli() { npm run -s cli -- "$@"; }
fail() { echo "cli-smoke: $*" >&2; exit 1; }

cli validate examples/*.yaml
# The examples are on two datasources (orders-pipeline-freshness names prometheus-eu): a rule file is for one
# Prometheus, so they are printed one datasource at a time, those naming none on the default one.
set +e
cli rules examples/*.yaml > "$work/out" 2> "$work/err"
code=$?
set -e
[ "$code" -eq 2 ] || fail "rules of SLOs on two datasources: exit $code, want 2"
grep -q -- '--for-datasource' "$work/err" || fail "rules of SLOs on two datasources: no hint at --for-datasource"
for format in prometheus prometheus-rule mimir; do
  for uid in prometheus prometheus-eu; do
    cli rules examples/*.yaml --format "$format" --datasource-uid prometheus --for-datasource "$uid" \
      > "$work/rules.$format.$uid"
    [ -s "$work/rules.$format.$uid" ] || fail "rules --format $format --for-datasource $uid wrote nothing"
  done
done
cli rules examples/*.yaml --format grafana --datasource-uid prometheus > "$work/rules.grafana"
[ -s "$work/rules.grafana" ] || fail "rules --format grafana wrote nothing"
promtool check rules "$work/rules.prometheus.prometheus" "$work/rules.prometheus.prometheus-eu"

for broken in tests/cli/broken-yaml.yaml tests/cli/seed-mistakes.yaml; do
  set +e
  cli rules "$broken" > "$work/out" 2> "$work/err"
  code=$?
  set -e
  [ "$code" -eq 1 ] || fail "$broken: exit $code, want 1"
  [ ! -s "$work/out" ] || fail "$broken: wrote rules despite errors"
  grep -q "^$broken: " "$work/err" || fail "$broken: no message naming the file"
  echo "--- $broken (exit $code)"
  cat "$work/err"
done

cli convert examples/checkout-availability.yaml --to openslo > "$work/openslo.yaml"
cli rules "$work/openslo.yaml" > "$work/from-openslo.yaml"
promtool check rules "$work/from-openslo.yaml"
# The standalone CLI: one file, run by plain node from a folder without node_modules.
npm run -s build:cli
cp dist-cli/burnrate.js examples/api-latency.yaml "$work/"
(
  cd "$work"
  node burnrate.js --version | grep -Eq '^burnrate [0-9]+\.[0-9]+\.[0-9]+' || fail "burnrate.js --version"
  node burnrate.js rules api-latency.yaml > standalone.yaml
)
promtool check rules "$work/standalone.yaml"
cmp -s "$work/standalone.yaml" <(cli rules examples/api-latency.yaml) || fail "the standalone CLI writes other rules"
echo "cli-smoke: ok"
