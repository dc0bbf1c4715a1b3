#!/usr/bin/env bash
# Runs the demo without Docker: the traffic generator and a real Prometheus on 127.0.0.1, with the demo's
# Prometheus config and rules, and checks that every demo SLO gets finite recorded series
# (slo:events:rate5m, slo:bad_events:rate5m, slo:objective:ratio): the example SLOs and the generator's
# metrics fit together. About a minute. Needs `prometheus` (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."

traffic_port=${TRAFFIC_PORT:-19464}
prom_port=${PROMETHEUS_PORT:-19090}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "demo-live-check: $*" >&2
  echo "--- traffic log" >&2; cat "$work/traffic.log" >&2 || true
  echo "--- prometheus log (tail)" >&2; tail -20 "$work/prometheus.log" >&2 || true
  exit 1
}

mkdir -p "$work/rules" "$work/data"
cp demo/prometheus/rules/burnrate.rules.yaml "$work/rules/"
sed -e "s/traffic:9464/127.0.0.1:${traffic_port}/" -e "s/localhost:9090/127.0.0.1:${prom_port}/" \
  -e 's/scrape_interval: 15s/scrape_interval: 5s/' demo/prometheus/prometheus.yml > "$work/prometheus.yml"

node --import tsx demo/traffic/main.ts --listen "127.0.0.1:${traffic_port}" --seed 1 > "$work/traffic.log" 2>&1 &
pids+=($!)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:${prom_port}" > "$work/prometheus.log" 2>&1 &
pids+=($!)

api="http://127.0.0.1:${prom_port}/api/v1"
slos=$(sed -n 's/^ *slo: //p' demo/prometheus/rules/burnrate.rules.yaml | sort -u)
[ -n "$slos" ] || fail "no SLO in demo/prometheus/rules/burnrate.rules.yaml"

# Prints "<slo> <metric> <value>" for each recorded sample of the demo SLOs.
recorded() {
  curl -fsS "$api/query" --data-urlencode \
    'query={__name__=~"slo:events:rate5m|slo:bad_events:rate5m|slo:objective:ratio"}' |
    node -e '
      let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
        for (const r of JSON.parse(s).data.result) {
          const extra = Object.entries(r.metric).filter(([k]) => ["route", "pipeline"].includes(k)).map(([k, v]) => `${k}=${v}`);
          console.log(r.metric.slo, r.metric.__name__, r.value[1], extra.join(","));
        }
      });'
}

missing=""
for attempt in $(seq 1 30); do
  sleep 5
  out=$(recorded 2>/dev/null) || continue
  missing=""
  for slo in $slos; do
    for metric in slo:events:rate5m slo:bad_events:rate5m slo:objective:ratio; do
      grep -q "^$slo $metric " <<<"$out" || missing="$missing $slo/$metric"
    done
  done
  [ -z "$missing" ] && break
done
[ -z "$missing" ] || fail "no recorded series after $((attempt * 5))s for:$missing"

echo "$out" | sort
if awk '$3 == "NaN" || $3 ~ /Inf/ { bad = 1 } END { exit !bad }' <<<"$out"; then
  fail "a recorded series is not finite"
fi
for slo in $slos; do
  awk -v slo="$slo" '$1 == slo && $2 == "slo:events:rate5m" && $3 > 0 { ok = 1 } END { exit !ok }' <<<"$out" ||
    fail "$slo has no events"
done

# The release gate reads the same series: it must find the checkout SLO and decide (0 approve, 3 not).
set +e
gate=$(npx tsx src/cli/index.ts gate --service checkout --risk low --prometheus "http://127.0.0.1:${prom_port}" 2>&1)
gate_code=$?
set -e
echo "$gate"
[ "$gate_code" = 0 ] || [ "$gate_code" = 3 ] || fail "burnrate gate exited $gate_code"
grep -q '^Release gate for checkout, low-risk change: ' <<<"$gate" || fail "burnrate gate printed no decision"
grep -q '^checkout-availability ' <<<"$gate" || fail "burnrate gate did not find the checkout SLO"

echo "demo-live-check: ok ($(wc -w <<<"$slos") SLOs recorded from the traffic generator; gate decided)"
