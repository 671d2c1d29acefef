// Writes schema/topology.schema.json, the JSON Schema of topology.json, from the built library's
// zod schema (`topologyJsonSchema` in lib/ir/topology.ts). Run by `npm run schema` after a build;
// test/ir/topology-schema.test.ts fails while the committed file differs from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { ir } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const file = join(root, 'schema', 'topology.schema.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(ir.topologyJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
