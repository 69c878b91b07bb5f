import type { Finding } from '../../lib/findings';
import { distance } from '../../lib/nearest';
import type { ParsedMetaFile } from './meta-files';
import { DOCUMENTED_LWC_TARGETS, typoCandidates } from './lwc-targets';
import { childText, elementsAt } from './xml-helpers';

const GUIDE = 'https://developer.salesforce.com/docs/platform/lwc/guide';

/**
 * Targets the "XML Configuration File Elements" page of the LWC Developer Guide
 * (`${GUIDE}/reference-configuration-tags.html`, `targets` > `target`, "Valid values are") lists
 * beyond {@link DOCUMENTED_LWC_TARGETS}: the Field Service mobile app and Document Builder
 * targets and the Messaging for In-App and Web pre-chat target (29 values in all, the same list a
 * public validator transcribes from that page, found with the code search for
 * `validComponentTarget`).
 */
export const MORE_DOCUMENTED_LWC_TARGETS: ReadonlyMap<string, string> = new Map(
    [
        'lightning__ECSFSApp',
        'lightning__ServiceDocument',
        'lightningSnapin__MessagingPreChat'
    ].map((target) => [target, `${GUIDE}/reference-configuration-tags.html`])
);

/**
 * The API version whose LWC Developer Guide the two lists were read against (Spring '26, API
 * 66.0, the same release as the metadata schema, validate.ts SCHEMA_API_VERSION).
 */
export const TARGET_LIST_API_VERSION = 66;

/** Every documented target. */
export function documentedTargets(): string[] {
    return [
        ...DOCUMENTED_LWC_TARGETS.keys(),
        ...MORE_DOCUMENTED_LWC_TARGETS.keys()
    ];
}

/** The documented target nearest `target` (case-insensitive edit distance), ties by name. */
export function nearestTarget(target: string): string {
    return (
        documentedTargets()
            .map((name) => ({ name, d: distance(target, name) }))
            .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))[0]
            ?.name ?? ''
    );
}

/**
 * A `<target>` that no release up to {@link TARGET_LIST_API_VERSION} documents is an error:
 * `target` takes one of the guide's listed values, and a value Salesforce does not know fails
 * the deploy (the exact server message is not sourced here). Near misses (a typo of a
 * documented target) are reported by `lwc-target` (lwc-targets.ts) and not again here.
 *
 * New targets come with every release, so the list is only authoritative up to the release it
 * was read from: a bundle whose `<apiVersion>`, or a project whose `sourceApiVersion`, is newer
 * than {@link TARGET_LIST_API_VERSION} may use a target the list has not caught up with, and is
 * not judged (the near-miss rule still is). Raising the version means re-reading the guide's
 * list and adding what it gained.
 */
export function checkLwcUnknownTargets(
    parsed: ParsedMetaFile[],
    sourceApiVersion: string
): Finding[] {
    if (Number(sourceApiVersion) > TARGET_LIST_API_VERSION) {
        return [];
    }
    const known = new Set(documentedTargets());
    const findings: Finding[] = [];
    for (const meta of parsed.filter(
        (m) => m.typeName === 'LightningComponentBundle'
    )) {
        const apiVersion = Number(childText(meta.root, 'apiVersion') ?? '0');
        if (apiVersion > TARGET_LIST_API_VERSION) {
            continue;
        }
        for (const element of elementsAt(meta.root, 'targets/target')) {
            const target = element.text;
            if (
                !target ||
                known.has(target) ||
                typoCandidates(target).length > 0
            ) {
                continue;
            }
            findings.push({
                file: meta.file,
                line: element.line,
                element: 'targets/target',
                message: `"${target}" is not an LWC target the LWC Developer Guide documents up to API ${TARGET_LIST_API_VERSION}.0 (nearest: ${nearestTarget(target)}; ${GUIDE}/reference-configuration-tags.html): the deploy would fail`,
                rule: 'lwc-unknown-target'
            });
        }
    }
    return findings;
}
