import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The JSON schema of each command's --json `result` is generated from the TypeScript types the
// commands return (scripts/plugin/src/results.ts) and checked in (scripts/plugin/schemas/): a change
// to a command's output must show up as a diff there. Regenerate with `npm run plugin:schemas`.

declare const __nativeImport: (specifier: string) => Promise<unknown>;

interface SchemasModule {
    resultSchemas(): Record<string, unknown>;
    schemaFile(id: string): string;
}

jest.setTimeout(180000);

it('every command has a checked-in result schema, and it matches the types the command returns', async () => {
    const { tsImport } = (await __nativeImport('tsx/esm/api')) as {
        tsImport: (specifier: string, parent: string) => Promise<SchemasModule>;
    };
    const schemas = await tsImport(
        pathToFileURL(path.resolve(__dirname, '../../plugin/src/schemas.ts'))
            .href,
        pathToFileURL(__filename).href
    );
    const generated = schemas.resultSchemas();
    expect(Object.keys(generated).sort()).toEqual([
        'casekit:assign',
        'casekit:contract:suggest',
        'casekit:credentials',
        'casekit:eca:global-oauth',
        'casekit:provision',
        'casekit:scratch:validate',
        'casekit:usage:collect',
        'casekit:usage:import',
        'casekit:validate:apex',
        'casekit:validate:metadata',
        'casekit:verify'
    ]);
    for (const [id, schema] of Object.entries(generated)) {
        const file = schemas.schemaFile(id);
        const checkedIn: unknown = JSON.parse(readFileSync(file, 'utf8'));
        // A failure here: the command's result type changed; run `npm run plugin:schemas` and
        // review the diff of scripts/plugin/schemas/.
        expect({ id, schema: checkedIn }).toEqual({ id, schema });
        expect(JSON.stringify(schema)).not.toContain(
            'Failed to correctly infer type'
        );
    }
});
