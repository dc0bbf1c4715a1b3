#!/usr/bin/env bash
# Checks the demo stack without Docker: the compose file is valid, Prometheus accepts its config and the
# demo's rules, and the generated files (Prometheus rules, provisioned SLO dashboards) are up to date
# with examples/ (regenerate them with `npm run provision`).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "demo-check: $*" >&2; exit 1; }

if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yaml config -q
  echo "docker-compose.yaml: valid"
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yaml config -q
  echo "docker-compose.yaml: valid"
else
  echo "docker-compose.yaml: not checked (no docker-compose or docker compose here)"
fi

# Grafana admits anonymous Admins and Prometheus shuts down on request: every port on 127.0.0.1 only, and no
# service extends another (an extending service adds to the base's ports instead of replacing them).
node -e '
const services = require("yaml").parse(require("fs").readFileSync("docker-compose.yaml", "utf8")).services;
const open = Object.entries(services).flatMap(([name, service]) => [
  ...(service.extends ? [`${name}: extends ${service.extends.service}, whose ports would be published too`] : []),
  ...(service.ports ?? []).filter((port) => !String(port).startsWith("127.0.0.1:")).map((port) => `${name}: ${port}`),
]);
if (open.length > 0) {
  console.error(`docker-compose.yaml: ports not bound to 127.0.0.1:\n  ${open.join("\n  ")}`);
  process.exit(1);
}
console.log("docker-compose.yaml: every port on 127.0.0.1");
' || fail "publish the demo's ports on 127.0.0.1 only"

# Grafana-managed recording rules: Grafana configured for them, writing to the demo Prometheus (3.x, with
# its remote-write receiver on), which the provisioned datasource of that uid points at.
node -e '
const YAML = require("yaml");
const fs = require("fs");
const services = YAML.parse(fs.readFileSync("docker-compose.yaml", "utf8")).services;
const env = services.grafana.environment ?? {};
const datasources = YAML.parse(fs.readFileSync("provisioning/datasources/prometheus.yaml", "utf8")).datasources;
const target = datasources.find((d) => d.uid === env.GF_RECORDING_RULES_DEFAULT_DATASOURCE_UID);
const toggles = String(env.GF_FEATURE_TOGGLES_ENABLE ?? "").split(/[ ,]+/);
const problems = [
  ...["grafanaManagedRecordingRules", "grafanaManagedRecordingRulesDatasources"]
    .filter((t) => !toggles.includes(t)).map((t) => `grafana: feature toggle ${t} is not enabled`),
  ...(String(env.GF_RECORDING_RULES_ENABLED) === "true" ? [] : ["grafana: GF_RECORDING_RULES_ENABLED is not true"]),
  ...(target ? [] : ["grafana: GF_RECORDING_RULES_DEFAULT_DATASOURCE_UID names no provisioned datasource"]),
  ...(target && !/^http:\/\/prometheus:9090\/?$/.test(target.url) ? [`datasource ${target.uid} is not the demo Prometheus`] : []),
  ...(services.prometheus.command.includes("--web.enable-remote-write-receiver") ? [] : ["prometheus: remote-write receiver off"]),
  ...(/^v?3\./.test(services.prometheus.image.replace(/^.*:\$\{[A-Z_]+:-/, "").replace(/\}$/, "")) ? [] : ["prometheus: not 3.x"]),
];
if (problems.length > 0) {
  console.error(`docker-compose.yaml: Grafana-managed recording rules:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("docker-compose.yaml: Grafana-managed recording rules write to the demo Prometheus");
' || fail "configure Grafana-managed recording rules in the demo"

promtool check config demo/prometheus/prometheus.yml
promtool check rules demo/prometheus/rules/burnrate.rules.yaml

npx tsx scripts/provision-slos.ts --out "$work" >/dev/null
diff -u demo/prometheus/rules/burnrate.rules.yaml "$work/demo/prometheus/rules/burnrate.rules.yaml" ||
  fail "demo/prometheus/rules/burnrate.rules.yaml is out of date: run npm run provision"
diff -ru provisioning/dashboards/slos "$work/provisioning/dashboards/slos" ||
  fail "provisioning/dashboards/slos is out of date: run npm run provision"
echo "demo-check: ok"
