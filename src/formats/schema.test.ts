import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nativeJsonSchema } from './schema';

describe('JSON schema', () => {
  it('is committed up to date (npx tsx scripts/generate-schema.ts)', () => {
    const committed = readFileSync(path.join(__dirname, '..', '..', 'schema', 'slo.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(nativeJsonSchema());
  });

  it('describes the fields editors complete', () => {
    const schema = nativeJsonSchema() as {
      properties: { spec: { properties: Record<string, unknown>; additionalProperties: boolean } };
    };
    expect(Object.keys(schema.properties.spec.properties)).toEqual([
      'service',
      'datasource',
      'description',
      'owner',
      'tier',
      'labels',
      'indicator',
      'timeSlices',
      'objectives',
      'alerting',
      'annotations',
      'budgetPolicy',
      'maintenance',
      'status',
      'owners',
      'review',
    ]);
    expect(schema.properties.spec.additionalProperties).toBe(false);
  });
});
