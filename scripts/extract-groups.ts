// Writes the `groups` of each PrometheusRule CRD (spec.groups) and Mimir namespace file (groups)
// of a folder as plain Prometheus rule files, so that promtool can check them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const [from, to] = process.argv.slice(2);
for (const file of readdirSync(from)) {
  if (!file.endsWith('.crd.yaml') && !file.endsWith('.mimir.yaml')) {
    continue;
  }
  const doc = YAML.parse(readFileSync(path.join(from, file), 'utf8'));
  const groups = file.endsWith('.crd.yaml') ? doc.spec.groups : doc.groups;
  writeFileSync(path.join(to, file), YAML.stringify({ groups }, { lineWidth: 0 }));
}
