// `npm run plugin:schemas`: writes schemas/<command>.json, the JSON schema of each command's
// --json `result`, from the types in src/results.ts (ts-json-schema-generator, as the sf CLI's own
// plugins generate theirs). scripts/test/plugin/schemas.test.ts fails when they are out of date.
import { writeFileSync } from 'node:fs';
import { resultSchemas, schemaFile } from '../src/schemas.js';

for (const [id, schema] of Object.entries(resultSchemas())) {
    writeFileSync(schemaFile(id), `${JSON.stringify(schema, null, 4)}\n`);
    process.stdout.write(`wrote ${schemaFile(id)}\n`);
}
