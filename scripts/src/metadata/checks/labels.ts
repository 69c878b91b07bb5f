import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import { child } from './xml-helpers';

const PLACEHOLDER = /\{\d+\}/;
const LONE_APOSTROPHE = /(^|[^'])'(?!')/;

/**
 * A custom label with `{0}`-style arguments is formatted with MessageFormat rules (Apex
 * `String.format`, Apex Reference Guide "String Class" > format: "uses Java MessageFormat"; the
 * kit's LWC formatLabel follows the same rule), where a lone apostrophe starts a quoted section
 * and swallows the arguments after it: it must be doubled (Java SE API, java.text.MessageFormat,
 * "a single quote itself must be represented by doubled single quotes ''"). Kit policy: a deploy
 * accepts the label; the user sees "{0}" instead of the value.
 */
export function checkLabelMessageFormat(parsed: ParsedMetaFile[]): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed) {
        if (meta.typeName !== 'CustomLabels') {
            continue;
        }
        for (const label of meta.root.children.filter(
            (element) => element.name === 'labels'
        )) {
            const value = child(label, 'value');
            if (
                value &&
                PLACEHOLDER.test(value.text) &&
                LONE_APOSTROPHE.test(value.text)
            ) {
                const name = child(label, 'fullName')?.text ?? '?';
                findings.push({
                    file: meta.file,
                    line: value.line,
                    element: `labels/${name}`,
                    message: `has {n} arguments and a lone apostrophe: MessageFormat drops everything after it; write '' for an apostrophe`,
                    rule: 'label-messageformat'
                });
            }
        }
    }
    return findings;
}
