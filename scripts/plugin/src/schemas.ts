// The JSON schema of each command's `result`, generated from src/results.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { RESULT_TYPES } from './results.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PLUGIN_ROOT = path.resolve(HERE, '..');

/** schemas/casekit-verify.json for casekit:verify. */
export function schemaFile(id: string): string {
    return path.join(PLUGIN_ROOT, 'schemas', `${id.split(':').join('-')}.json`);
}

/** Command id → the JSON schema of its result. */
export function resultSchemas(): Record<string, unknown> {
    const generator = createGenerator({
        path: path.join(HERE, 'results.ts'),
        tsconfig: path.resolve(PLUGIN_ROOT, '../../tsconfig.json'),
        skipTypeCheck: true,
        expose: 'export',
        topRef: true,
        additionalProperties: false,
        sortProps: true
    });
    return Object.fromEntries(
        Object.entries(RESULT_TYPES).map(([id, type]) => [
            id,
            generator.createSchema(type)
        ])
    );
}
