import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { parseCatalogueDocument, validateCatalogue } from '../slo/catalogue';
import { journeyInhibitRules, renderInhibitRules } from '../rules/inhibitRules';
import { quote } from '../slo/quote';
import { errorMessage, readSloFiles } from './sloFiles';
import { EXIT, type CliIo } from './run';

export const INHIBIT_RULES_USAGE = `Usage: burnrate inhibit-rules CATALOGUE [--slo FILE]...

Prints the Alertmanager inhibit rules of the catalogue's user journeys (kind: Catalogue): while the SLO of
a journey as a whole (journeys[].sloUid) pages, the pages of its steps' SLOs over the same alert window
(long_window) are held back. Merge the inhibit_rules section into alertmanager.yml.

  --slo FILE    SLO files or directories: every SLO the journeys name must be among them
`;

/** `burnrate inhibit-rules`: the inhibit rules of a catalogue's journeys on stdout. */
export async function runInhibitRules(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { slo: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(`burnrate inhibit-rules: ${errorMessage(error)}\n\n${INHIBIT_RULES_USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    await io.stdout(INHIBIT_RULES_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    io.stderr(`burnrate inhibit-rules: name one catalogue file\n\n${INHIBIT_RULES_USAGE}`);
    return EXIT.usage;
  }
  const [file] = positionals;
  let document: unknown;
  try {
    document = YAML.parse(io.readFile(file));
  } catch (error) {
    io.stderr(`burnrate inhibit-rules: cannot read ${file}: ${errorMessage(error)}\n`);
    return EXIT.invalid;
  }
  const catalogue = parseCatalogueDocument(document);
  const slos = values.slo === undefined ? undefined : readSloFiles(values.slo, io);
  const problems = [
    ...('issues' in catalogue ? catalogue.issues : validateCatalogue(catalogue.catalogue, uidsOf(slos?.slos)))
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `${file}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`),
    ...(slos?.problems ?? []),
  ];
  if (problems.length > 0 || !('catalogue' in catalogue)) {
    io.stderr(problems.map((line) => `${line}\n`).join(''));
    io.stderr(`${problems.length} problem${problems.length === 1 ? '' : 's'} found; no output written.\n`);
    return EXIT.invalid;
  }
  const { journeys } = catalogue.catalogue;
  const rules = journeyInhibitRules(journeys);
  for (const journey of journeys.filter((j) => j.sloUid === undefined)) {
    io.stderr(`journey ${quote(journey.name)} names no SLO of its own (sloUid): nothing holds its steps back\n`);
  }
  await io.stdout(renderInhibitRules(rules));
  return EXIT.ok;
}

function uidsOf(slos: Array<{ uid: string }> | undefined): ReadonlySet<string> | undefined {
  return slos === undefined ? undefined : new Set(slos.map((s) => s.uid));
}
