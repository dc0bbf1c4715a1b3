// Writes schema/slo.schema.json from the zod schema of the native format.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { nativeJsonSchema } from '../src/formats/schema';

const file = path.join(__dirname, '..', 'schema', 'slo.schema.json');
writeFileSync(file, JSON.stringify(nativeJsonSchema(), null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), file)}`);
