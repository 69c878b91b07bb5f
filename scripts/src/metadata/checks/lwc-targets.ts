import type { Finding } from '../../lib/findings';
import { distance, nearestNames } from '../../lib/nearest';
import type { ParsedMetaFile } from './meta-files';
import type { XmlElement } from '../xml';
import { elementsAt } from './xml-helpers';

const GUIDE = 'https://developer.salesforce.com/docs/platform/lwc/guide';

/**
 * LWC `<target>` values the LWC Developer Guide documents, each with the page that documents it.
 * `@salesforce/types` declares `targets.target` as a plain string (no enumeration), so the list
 * is kept here; `@salesforce/templates` (Salesforce's own `sf lightning generate component`
 * templates) uses only values of this list (a test checks that).
 */
export const DOCUMENTED_LWC_TARGETS: ReadonlyMap<string, string> = new Map([
    ['lightning__AppPage', `${GUIDE}/reference-configuration-tags.html`],
    ['lightning__HomePage', `${GUIDE}/reference-configuration-tags.html`],
    ['lightning__RecordPage', `${GUIDE}/targets-lightning-record-page.html`],
    [
        'lightning__RecordAction',
        `${GUIDE}/targets-lightning-record-action.html`
    ],
    [
        'lightning__GlobalAction',
        `${GUIDE}/targets-lightning-global-action.html`
    ],
    ['lightning__UtilityBar', `${GUIDE}/targets-lightning-utility-bar.html`],
    ['lightning__FlowScreen', `${GUIDE}/reference-configuration-tags.html`],
    ['lightning__Tab', `${GUIDE}/use-config-custom-tab.html`],
    ['lightning__Inbox', `${GUIDE}/targets-lightning-inbox.html`],
    [
        'lightning__UrlAddressable',
        `${GUIDE}/targets-lightning-url-addressable.html`
    ],
    [
        'lightning__EnablementProgram',
        `${GUIDE}/targets-lightning-enablement-program.html`
    ],
    [
        'lightning__PropertyEditor',
        `${GUIDE}/targets-lightning-property-editor.html`
    ],
    [
        'lightning__VoiceExtension',
        `${GUIDE}/targets-lightning-voice-extension.html`
    ],
    [
        'lightning__AgentforceInput',
        'https://developer.salesforce.com/docs/platform/lightning-types/guide/lightning-types-custom-editor.html'
    ],
    [
        'lightning__AgentforceOutput',
        'https://developer.salesforce.com/docs/platform/lightning-types/guide/lightning-types-custom-renderer.html'
    ],
    [
        'lightningCommunity__Page',
        `${GUIDE}/targets-lightning-community-page.html`
    ],
    [
        'lightningCommunity__Default',
        'https://developer.salesforce.com/docs/platform/exp-cloud-lwr/guide/get-started-components.html'
    ],
    [
        'lightningCommunity__Page_Layout',
        `${GUIDE}/targets-lightning-community-page-layout.html`
    ],
    [
        'lightningCommunity__Theme_Layout',
        `${GUIDE}/targets-lightning-community-theme-layout.html`
    ],
    [
        'lightningSnapin__ChatMessage',
        'https://developer.salesforce.com/docs/component-library/bundle/lightningsnapin-base-chat-header/'
    ],
    [
        'lightningSnapin__ChatHeader',
        'https://developer.salesforce.com/docs/component-library/bundle/lightningsnapin-base-chat-header/'
    ],
    [
        'lightningSnapin__PreChat',
        'https://developer.salesforce.com/docs/component-library/bundle/lightningsnapin-base-chat-header/'
    ],
    [
        'lightningSnapin__Minimized',
        'https://developer.salesforce.com/docs/component-library/bundle/lightningsnapin-base-chat-header/'
    ],
    [
        'lightningSnapin__MessagingHeader',
        'https://developer.salesforce.com/docs/service/messaging-web/guide/customize-header.html'
    ],
    ['lightningStatic__Email', `${GUIDE}/targets-lightning-static-email.html`],
    ['analytics__Dashboard', `${GUIDE}/use-analytics-dashboard.html`]
]);

/**
 * At most this many edits (case-insensitive Levenshtein) from a documented target is read as a
 * typo of it. The closest two documented targets differ by 3 (`lightning__AgentforceInput` /
 * `lightning__AgentforceOutput`), so a new target Salesforce adds next release is most unlikely
 * to fall within 2 of an old one, while `lightning__RecordPge` or `lightningCommunity_Page` do.
 */
export const TYPO_DISTANCE = 2;

/**
 * LWC targets in `*.js-meta.xml`:
 * - a `<target>` that is not documented but within {@link TYPO_DISTANCE} of a documented one is a
 *   typo of it (the guide gives targets as a list of valid values; the exact server message for an
 *   unknown target is not sourced here). A target far from every documented one is not reported,
 *   since new targets come with every release and this list cannot know them.
 * - each value of `<targetConfig targets="...">` must be listed under `<targets>`: "The targets
 *   attribute value must match one or more of the page types that you listed under <targets>"
 *   (LWC Developer Guide, e.g. "lightning__RecordPage Target", targetConfig attributes).
 */
export function checkLwcTargets(parsed: ParsedMetaFile[]): Finding[] {
    return parsed
        .filter((meta) => meta.typeName === 'LightningComponentBundle')
        .flatMap((meta) => [
            ...targetTypos(meta),
            ...unlistedConfigTargets(meta)
        ]);
}

/** The documented targets within {@link TYPO_DISTANCE} of `target`, nearest first. */
export function typoCandidates(target: string): string[] {
    if (DOCUMENTED_LWC_TARGETS.has(target)) {
        return [];
    }
    const close = [...DOCUMENTED_LWC_TARGETS.keys()].filter(
        (known) => distance(target, known) <= TYPO_DISTANCE
    );
    return nearestNames(target, close);
}

function targetTypos(meta: ParsedMetaFile): Finding[] {
    const findings: Finding[] = [];
    for (const element of elementsAt(meta.root, 'targets/target')) {
        const near = typoCandidates(element.text);
        if (near.length > 0) {
            findings.push({
                file: meta.file,
                line: element.line,
                element: 'targets/target',
                message: `"${element.text}" is not an LWC target the LWC Developer Guide documents; did you mean ${near.join(' or ')}?`,
                rule: 'lwc-target'
            });
        }
    }
    return findings;
}

function unlistedConfigTargets(meta: ParsedMetaFile): Finding[] {
    const listed = new Set(
        elementsAt(meta.root, 'targets/target').map((element) => element.text)
    );
    const findings: Finding[] = [];
    for (const config of elementsAt(meta.root, 'targetConfigs/targetConfig')) {
        for (const target of configTargets(config)) {
            if (!listed.has(target)) {
                findings.push({
                    file: meta.file,
                    line: config.line,
                    element: 'targetConfigs/targetConfig',
                    message: `targetConfig targets="${config.attributes.targets ?? ''}" names ${target}, which <targets> does not list (each value must be one of the bundle's <target> values)`,
                    rule: 'lwc-target'
                });
            }
        }
    }
    return findings;
}

/** The comma-separated values of a targetConfig's `targets` attribute, trimmed. */
function configTargets(config: XmlElement): string[] {
    return (config.attributes.targets ?? '')
        .split(',')
        .map((value) => value.trim())
        .filter((value) => value.length > 0);
}
