import { z } from 'zod';
import { nativeDocumentSchema } from './native';

export const SCHEMA_ID = 'https://burnrate.dev/schema/slo.schema.json';

/**
 * JSON schema of the native SLO document, for editor completion
 * (`# yaml-language-server: $schema=...` or the editor's schema settings).
 */
export function nativeJsonSchema(): Record<string, unknown> {
  return {
    $id: SCHEMA_ID,
    title: 'Burnrate ServiceLevelObjective',
    ...z.toJSONSchema(nativeDocumentSchema, { target: 'draft-7', io: 'input' }),
  };
}
