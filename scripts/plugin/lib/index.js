// The plugin's command list for oclif (package.json: oclif.commands, strategy "explicit").
// The commands are TypeScript: tsx loads them from src/, so a linked plugin runs the repo's own
// sources with no build step. An ESM file can import the kit's CommonJS modules; the reverse fails
// (@salesforce/sf-plugins-core and @oclif/core are ESM-only).
import { tsImport } from 'tsx/esm/api';

const loaded = await tsImport('../src/index.ts', import.meta.url);

export const COMMANDS = loaded.COMMANDS;
