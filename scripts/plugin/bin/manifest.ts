// `npm run plugin:manifest`: writes casekit.manifest.json from the command classes.
// scripts/test/plugin/manifest.test.ts fails when it is out of date.
import { writeFileSync } from 'node:fs';
import { MANIFEST_FILE, buildManifest } from '../src/manifest.js';

writeFileSync(
    MANIFEST_FILE,
    `${JSON.stringify(await buildManifest(), null, 4)}\n`
);
process.stdout.write(`wrote ${MANIFEST_FILE}\n`);
