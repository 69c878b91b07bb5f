import path from 'node:path';

import { DEFAULT_DIR, LABELS_FILE, ROOT } from '../shared/paths';

/** Where the preview reads its sources and writes its build. */
export { DEFAULT_DIR, LABELS_FILE, ROOT };
export const LWC_DIR = path.join(DEFAULT_DIR, 'lwc');
export const SETTINGS_RECORD_FILE = path.join(
    DEFAULT_DIR,
    'customMetadata/Case_Portal_Settings.Default.md-meta.xml'
);
export const CLIENT_DIR = path.join(__dirname, 'client');
/** lightning-base-components' sources (the preview compiles the ones the portal imports). */
export const LBC_DIR = path.join(
    ROOT,
    'node_modules/lightning-base-components/src/lightning'
);
/** Their module values for @salesforce/i18n/* and labels (en-US, America/Los_Angeles). */
export const LBC_SCOPED_DIR = path.join(
    ROOT,
    'node_modules/lightning-base-components/scopedImports'
);
export const SLDS_ASSETS_DIR = path.join(
    ROOT,
    'node_modules/@salesforce-ux/design-system/assets'
);
/** Build output (gitignored): dist/preview/<mode>/. */
export function distDir(mode: BuildMode): string {
    return path.join(ROOT, 'dist/preview', mode);
}

export type BuildMode = 'production' | 'development';
