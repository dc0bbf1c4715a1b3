#!/usr/bin/env bash
# Checks the demo stack without Docker: the compose file is valid, each Prometheus accepts its config and
# rules, each datasource has a Prometheus of its own, and the generated files (each Prometheus's rules, the
# provisioned SLO dashboards) are up to date with examples/ (regenerate them with `npm run provision`).
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

# Each Prometheus of the demo, by the folder docker-compose.yaml mounts: its config, and the rules it loads.
prometheus_dirs=(demo/prometheus demo/prometheus-eu)
for dir in "${prometheus_dirs[@]}"; do
  promtool check config "$dir/prometheus.yml"
done

# Two Prometheus servers, two datasources: each provisioned datasource is a Prometheus service of the compose
# file that mounts that datasource's demo folder, and no service is scraped by both (a query on the wrong
# datasource finds nothing).
node -e '
const YAML = require("yaml");
const fs = require("fs");
const services = YAML.parse(fs.readFileSync("docker-compose.yaml", "utf8")).services;
const datasources = YAML.parse(fs.readFileSync("provisioning/datasources/prometheus.yaml", "utf8")).datasources;
const problems = [];
const jobs = new Map();
for (const ds of datasources.filter((d) => d.type === "prometheus")) {
  const host = new URL(ds.url).hostname;
  const service = services[host];
  if (!service) { problems.push(`datasource ${ds.uid}: no service ${host}`); continue; }
  if (!(service.volumes ?? []).includes(`./demo/${host}:/etc/prometheus:ro`)) problems.push(`service ${host} does not mount demo/${host}`);
  const config = YAML.parse(fs.readFileSync(`demo/${host}/prometheus.yml`, "utf8"));
  for (const job of config.scrape_configs.filter((j) => j.job_name !== "prometheus")) {
    if (jobs.has(job.job_name)) problems.push(`job ${job.job_name} scraped by ${jobs.get(job.job_name)} and ${host}`);
    jobs.set(job.job_name, host);
  }
}
if (datasources.filter((d) => d.type === "prometheus").length < 2) problems.push("fewer than two Prometheus datasources");
if (problems.length > 0) {
  console.error(`docker-compose.yaml: the Prometheus servers:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`docker-compose.yaml: one Prometheus per datasource, jobs: ${[...jobs].map(([j, h]) => `${j} on ${h}`).join(", ")}`);
' || fail "give each datasource its own Prometheus service and demo folder"

npx tsx scripts/provision-slos.ts --out "$work" >/dev/null
for dir in "${prometheus_dirs[@]}"; do
  diff -u "$dir/rules/burnrate.rules.yaml" "$work/$dir/rules/burnrate.rules.yaml" ||
    fail "$dir/rules/burnrate.rules.yaml is out of date: run npm run provision"
done
diff -ru provisioning/dashboards/slos "$work/provisioning/dashboards/slos" ||
  fail "provisioning/dashboards/slos is out of date: run npm run provision"
echo "demo-check: ok"
