// The casekit plugin's command manifest, as oclif builds it from the command classes (the same
// `Plugin.manifest` the `oclif manifest` command writes): every command id with its flags. It is
// checked in as casekit.manifest.json (not oclif.manifest.json, which oclif would trust over the
// classes) so that offline checks, such as the scratch-org proof that every `sf ...` line in the
// README and the workflows names a real command and flag, know the kit's own commands too.
import path from 'node:path';
import { Plugin } from '@oclif/core';
import { PLUGIN_ROOT } from './run.js';

/** scripts/plugin/casekit.manifest.json */
export const MANIFEST_FILE = path.join(PLUGIN_ROOT, 'casekit.manifest.json');

/** The manifest oclif builds from the command classes (ids, flags, args). */
export async function buildManifest(): Promise<unknown> {
    const plugin = new Plugin({
        root: PLUGIN_ROOT,
        type: 'core',
        ignoreManifest: true,
        errorOnManifestCreate: true
    });
    await plugin.load();
    return plugin.manifest;
}
