import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// casekit.manifest.json (the plugin's commands and flags, as oclif builds them from the command
// classes) is checked in for the offline proof of the README and the workflows: it must match the
// classes. Regenerate with `npm run plugin:manifest`.

declare const __nativeImport: (specifier: string) => Promise<unknown>;

interface ManifestModule {
    MANIFEST_FILE: string;
    buildManifest(): Promise<unknown>;
}

jest.setTimeout(180000);

it('the checked-in casekit.manifest.json is what oclif builds from the command classes', async () => {
    const { tsImport } = (await __nativeImport('tsx/esm/api')) as {
        tsImport: (
            specifier: string,
            parent: string
        ) => Promise<ManifestModule>;
    };
    const manifest = await tsImport(
        pathToFileURL(path.resolve(__dirname, '../../plugin/src/manifest.ts'))
            .href,
        pathToFileURL(__filename).href
    );
    const built = JSON.parse(
        JSON.stringify(await manifest.buildManifest())
    ) as { commands: Record<string, unknown> };
    expect(Object.keys(built.commands)).toContain('casekit:verify');
    const checkedIn: unknown = JSON.parse(
        readFileSync(manifest.MANIFEST_FILE, 'utf8')
    );
    // A failure here: a command or flag changed; run `npm run plugin:manifest` and review the diff.
    expect(checkedIn).toEqual(built);
});
