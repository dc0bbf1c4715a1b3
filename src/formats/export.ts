import type { Slo } from '../slo/types';
import { toNativeDocument } from './native';
import { toOpenSloDocuments, type OpenSloExportDocument } from './openslo';
import { toYaml } from '../slo/yamlText';

export type ExportFormat = 'openslo' | 'burnrate';

/**
 * SLOs as one YAML file of documents separated by `---`: native `burnrate.dev/v1` documents, or
 * OpenSLO v1 (each Service once, before the first SLO of that service). No SLOs give ''.
 */
export function exportSlos(slos: Slo[], to: ExportFormat): string {
  const documents: object[] = to === 'burnrate' ? slos.map(toNativeDocument) : openSloDocuments(slos);
  return documents.map((document) => toYaml(document)).join('---\n');
}

function openSloDocuments(slos: Slo[]): OpenSloExportDocument[] {
  const services = new Set<string>();
  const documents: OpenSloExportDocument[] = [];
  for (const slo of slos) {
    for (const doc of toOpenSloDocuments(slo)) {
      if (doc.kind === 'Service') {
        if (services.has(doc.metadata.name)) {
          continue;
        }
        services.add(doc.metadata.name);
      }
      documents.push(doc);
    }
  }
  return documents;
}
