// `npm run plugin:pack`: builds the plugin into dist/plugin/package and packs it with npm pack
// (src/pack.ts says what goes in). Install the tarball with
// `sf plugins install file:<absolute path of the .tgz>` (README: "Install without the repo").
import { pack } from '../src/pack.js';

const { tarball, bytes, dependencies } = await pack();
process.stdout.write(
    `packed ${tarball} (${(bytes / 1024).toFixed(0)} KiB), dependencies:\n${Object.entries(
        dependencies
    )
        .map(([name, version]) => `  ${name}@${version}`)
        .join('\n')}\n`
);
