import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const ROOT = path.join(__dirname, '..', '..');

/** Folders of SLO files written as other teams and the peers write them: the peers' own cases and our examples. */
const FOLDERS = ['src/formats/testdata/peers', 'examples', 'tests/promtool/slos'];

/** Every YAML document of those folders, parsed; for property tests that change them (mutatedDocuments.ts). */
export function peerDocuments(): unknown[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(path.join(ROOT, folder))
      .filter((file) => file.endsWith('.yaml'))
      .sort()
      .flatMap((file) =>
        YAML.parseAllDocuments(readFileSync(path.join(ROOT, folder, file), 'utf8'))
          .map((document) => document.toJS() as unknown)
          .filter((value) => value !== null && typeof value === 'object')
      )
  );
}
