import path from 'node:path';

/** The repository root and the force-app files several stand-ins read. */
export const ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_DIR = path.join(ROOT, 'force-app/main/default');
export const LABELS_FILE = path.join(
    DEFAULT_DIR,
    'labels/CustomLabels.labels-meta.xml'
);
