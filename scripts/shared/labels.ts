import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { LABELS_FILE } from './paths';

/**
 * The custom labels of CustomLabels.labels-meta.xml (the file that deploys): what the preview
 * compiles into `@salesforce/label/c.*` and its backend's messages, and what the browser tests
 * expect on screen.
 */

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === 'labels'
});

interface LabelsXml {
    CustomLabels?: { labels?: { fullName?: string; value?: string }[] };
}

/** Label API name to value, e.g. CasePortal_Cancel to "Cancel". */
export function loadLabels(file: string = LABELS_FILE): Map<string, string> {
    const xml = parser.parse(readFileSync(file, 'utf8')) as LabelsXml;
    const labels = new Map<string, string>();
    for (const label of xml.CustomLabels?.labels ?? []) {
        if (label.fullName) {
            labels.set(label.fullName, String(label.value ?? ''));
        }
    }
    if (labels.size === 0) {
        throw new Error(`${file}: no custom labels found`);
    }
    return labels;
}
