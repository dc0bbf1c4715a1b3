#!/usr/bin/env bash
# Runs the demo without Docker: the traffic generator and the demo's two Prometheus servers on 127.0.0.1,
# each with its config and rules (demo/prometheus/, demo/prometheus-eu/), and checks that every demo SLO gets
# finite recorded series (slo:events:rate5m, slo:bad_events:rate5m, slo:objective:ratio) on its own
# Prometheus and none on the other: the example SLOs, their datasources and the generator's metrics fit
# together. About a minute. Needs `prometheus` (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."

traffic_port=${TRAFFIC_PORT:-19464}
prom_port=${PROMETHEUS_PORT:-19090}
prom_eu_port=${PROMETHEUS_EU_PORT:-19091}
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
  for name in prometheus prometheus-eu; do
    echo "--- $name log (tail)" >&2; tail -20 "$work/$name/prometheus.log" >&2 || true
  done
  exit 1
}

node --import tsx demo/traffic/main.ts --listen "127.0.0.1:${traffic_port}" --seed 1 > "$work/traffic.log" 2>&1 &
pids+=($!)
# Each Prometheus in a folder of its own, as docker-compose.yaml mounts demo/<name>/.
for name in prometheus prometheus-eu; do
  port=$prom_port
  [ "$name" = prometheus ] || port=$prom_eu_port
  mkdir -p "$work/$name/rules" "$work/$name/data"
  cp "demo/$name/rules/burnrate.rules.yaml" "$work/$name/rules/"
  sed -e "s/traffic:9464/127.0.0.1:${traffic_port}/" -e "s/localhost:9090/127.0.0.1:${port}/" \
    -e 's/scrape_interval: 15s/scrape_interval: 5s/' "demo/$name/prometheus.yml" > "$work/$name/prometheus.yml"
  (cd "$work/$name" && exec prometheus --config.file=prometheus.yml --storage.tsdb.path=data \
    --web.listen-address="127.0.0.1:${port}" > prometheus.log 2>&1) &
  pids+=($!)
done

# Prints "<slo> <metric> <value>" for each recorded sample of the demo SLOs on the Prometheus at $1.
recorded() {
  curl -fsS "http://127.0.0.1:$1/api/v1/query" --data-urlencode \
    'query={__name__=~"slo:events:rate5m|slo:bad_events:rate5m|slo:objective:ratio"}' |
    node -e '
      let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
        for (const r of JSON.parse(s).data.result) {
          const extra = Object.entries(r.metric).filter(([k]) => ["route", "pipeline"].includes(k)).map(([k, v]) => `${k}=${v}`);
          console.log(r.metric.slo, r.metric.__name__, r.value[1], extra.join(","));
        }
      });'
}

# SLOs in a maintenance window about now: their rules leave out the 5m rates while it lasts, so only their
# objective is asked for (search-availability's window is every Sunday 02:00-03:30 UTC).
in_maintenance=$(npx tsx scripts/slos-in-maintenance.ts examples/*.yaml)
in_window() { grep -qxF -- "$1" <<<"$in_maintenance"; }
recorded_metrics() {
  if in_window "$1"; then
    echo slo:objective:ratio
  else
    echo slo:events:rate5m slo:bad_events:rate5m slo:objective:ratio
  fi
}

# Checks the SLOs of one Prometheus ($1: its demo folder's name, $2: its port): each records finite series with
# events there, and the services of the other Prometheus are not scraped there.
check_prometheus() {
  local name=$1 port=$2 slos out missing attempt
  # The slo label of every rule, read as YAML (a rule's labels are written on one line, in flow style).
  slos=$(node -e '
    const { parse } = require("yaml");
    const file = parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const group of file.groups) for (const rule of group.rules) if (rule.labels?.slo) console.log(rule.labels.slo);
  ' "demo/$name/rules/burnrate.rules.yaml" | sort -u)
  [ -n "$slos" ] || fail "no SLO in demo/$name/rules/burnrate.rules.yaml"
  missing=""
  for attempt in $(seq 1 30); do
    sleep 5
    out=$(recorded "$port" 2>/dev/null) || continue
    missing=""
    for slo in $slos; do
      for metric in $(recorded_metrics "$slo"); do
        grep -q "^$slo $metric " <<<"$out" || missing="$missing $slo/$metric"
      done
    done
    [ -z "$missing" ] && break
  done
  [ -z "$missing" ] || fail "$name: no recorded series after $((attempt * 5))s for:$missing"
  echo "--- $name"
  echo "$out" | sort
  if awk '$3 == "NaN" || $3 ~ /Inf/ { bad = 1 } END { exit !bad }' <<<"$out"; then
    fail "$name: a recorded series is not finite"
  fi
  for slo in $slos; do
    if in_window "$slo"; then
      echo "$slo: in a maintenance window now, its rates are not asked for"
      continue
    fi
    awk -v slo="$slo" '$1 == slo && $2 == "slo:events:rate5m" && $3 > 0 { ok = 1 } END { exit !ok }' <<<"$out" ||
      fail "$name: $slo has no events"
  done
  # The SLOs of the other Prometheus record nothing here.
  local others
  others=$(awk '{ print $1 }' <<<"$out" | sort -u | grep -vxF "$slos" || true)
  [ -z "$others" ] || fail "$name records SLOs that are not on it: $others"
  total_slos=$((total_slos + $(wc -w <<<"$slos")))
}
total_slos=0
check_prometheus prometheus "$prom_port"
check_prometheus prometheus-eu "$prom_eu_port"

# Each service on one Prometheus only: a query on the wrong datasource finds nothing.
jobs_of() {
  curl -fsS "http://127.0.0.1:$1/api/v1/query" --data-urlencode 'query=count by (job) (up{job!="prometheus"})' |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      console.log(JSON.parse(s).data.result.map((r) => r.metric.job).sort().join(" ")); });'
}
main_jobs=$(jobs_of "$prom_port")
eu_jobs=$(jobs_of "$prom_eu_port")
echo "jobs: prometheus: $main_jobs; prometheus-eu: $eu_jobs"
for job in $eu_jobs; do
  if grep -qw -- "$job" <<<"$main_jobs"; then fail "$job is scraped by both Prometheus servers"; fi
done
[ -n "$eu_jobs" ] || fail "prometheus-eu scrapes no service"

# The release gate reads the same series: it must find the checkout SLO and decide (0 approve, 3 not).
set +e
gate=$(npx tsx src/cli/index.ts gate --service checkout --risk low --prometheus "http://127.0.0.1:${prom_port}" 2>&1)
gate_code=$?
set -e
echo "$gate"
[ "$gate_code" = 0 ] || [ "$gate_code" = 3 ] || fail "burnrate gate exited $gate_code"
grep -q '^Release gate for checkout, low-risk change: ' <<<"$gate" || fail "burnrate gate printed no decision"
grep -q '^checkout-availability ' <<<"$gate" || fail "burnrate gate did not find the checkout SLO"

echo "demo-live-check: ok ($total_slos SLOs recorded from the traffic generator on two Prometheus servers; gate decided)"
