import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The scratch-org job's LWR site (issue #19): after `sf community create` (Build Your Own (LWR))
// and `sf project retrieve start` of the site's DigitalExperienceBundle and Network, this puts
// `c:casePortal` on the home view and makes the portal profiles members, in the retrieved files,
// for `sf project deploy start` and `sf community publish`.
//
// Sources. A view of an LWR site is `digitalExperiences/site/<site>/sfdc_cms__view/<view>/content.json`,
// a `contentBody.component` tree whose `region` nodes hold `{ definition: "c:<component>", id,
// type: "component", attributes }` children (Metadata API Developer Guide, "DigitalExperienceBundle";
// the LWR Sites guide, "Create Components for LWR Sites": a component targeting
// lightningCommunity__Page can be placed on a page). Network members are
// `networkMemberGroups/profile` (Metadata API Developer Guide, "Network"; trailheadapps/ebikes-lwc
// networks/E-Bikes.network-meta.xml), `status` Live lets members log in.
// Not verified in an org: the view tree a freshly created site has, and that a deploy of the
// patched view keeps the component (README, "Scratch-org CI: the portal in a real LWR site").

export class PortalSiteError extends Error {
    override name = 'PortalSiteError';
}

export const PORTAL_COMPONENT = 'c:casePortal';

/** The portal profiles made members of the site (the ones the sharing sets cover). */
export const PORTAL_MEMBER_PROFILES = [
    'Customer Community User',
    'Customer Community Login User'
];

interface ViewNode {
    type?: string;
    definition?: string;
    children?: ViewNode[];
    [key: string]: unknown;
}

function isNode(value: unknown): value is ViewNode {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(node: ViewNode, visit: (node: ViewNode) => void): void {
    visit(node);
    for (const child of node.children ?? []) {
        if (isNode(child)) {
            walk(child, visit);
        }
    }
}

/**
 * Adds the component to the first region of the view's component tree; a view that already holds
 * it is returned unchanged (idempotent). `file` names the view in errors.
 */
export function placeComponent(
    view: unknown,
    file: string,
    definition: string = PORTAL_COMPONENT,
    newId: () => string = randomUUID
): { view: unknown; changed: boolean } {
    const root =
        isNode(view) && isNode(view.contentBody)
            ? view.contentBody.component
            : undefined;
    if (!isNode(root)) {
        throw new PortalSiteError(
            `${file}: no contentBody.component tree: is this an sfdc_cms__view content.json?`
        );
    }
    let present = false;
    let region: ViewNode | undefined;
    walk(root, (node) => {
        if (node.definition === definition) {
            present = true;
        }
        if (region === undefined && node.type === 'region') {
            region = node;
        }
    });
    if (present) {
        return { view, changed: false };
    }
    if (region === undefined) {
        throw new PortalSiteError(
            `${file}: the view has no region (a node with "type": "region") to place ${definition} in`
        );
    }
    region.children = [
        ...(region.children ?? []),
        { attributes: {}, definition, id: newId(), type: 'component' }
    ];
    return { view, changed: true };
}

/** Adds `profiles` to the Network's `networkMemberGroups` (creating it if needed) and sets `status` Live. */
export function addMembers(
    networkXml: string,
    file: string,
    profiles: string[] = PORTAL_MEMBER_PROFILES
): { xml: string; changed: boolean } {
    if (!/<Network\b[^>]*>/.test(networkXml)) {
        throw new PortalSiteError(`${file}: no <Network> root element`);
    }
    let xml = networkXml;
    const existing = new Set(
        [...xml.matchAll(/<profile>([^<]*)<\/profile>/g)].map((m) =>
            (m[1] ?? '').trim().toLowerCase()
        )
    );
    const missing = profiles.filter(
        (profile) => !existing.has(profile.toLowerCase())
    );
    if (missing.length > 0) {
        const entries = missing
            .map((profile) => `        <profile>${profile}</profile>\n`)
            .join('');
        xml = /<networkMemberGroups>/.test(xml)
            ? xml.replace(
                  /<networkMemberGroups>\r?\n/,
                  (open) => `${open}${entries}`
              )
            : xml.replace(
                  /<\/Network>/,
                  `    <networkMemberGroups>\n${entries}    </networkMemberGroups>\n</Network>`
              );
    }
    if (/<status>[^<]*<\/status>/.test(xml)) {
        xml = xml.replace(/<status>[^<]*<\/status>/, '<status>Live</status>');
    } else {
        xml = xml.replace(
            /<\/Network>/,
            '    <status>Live</status>\n</Network>'
        );
    }
    return { xml, changed: xml !== networkXml };
}

export interface PatchResult {
    view: string;
    network: string;
    changed: string[];
}

function only(
    dir: string,
    what: string,
    filter: (name: string) => boolean
): string {
    const found = existsSync(dir) ? readdirSync(dir).filter(filter) : [];
    if (found.length !== 1) {
        throw new PortalSiteError(
            `${dir}: expected exactly one ${what}, found ${found.length}${found.length > 0 ? ` (${found.join(', ')})` : ''}; retrieve only the CI site`
        );
    }
    return path.join(dir, found[0] ?? '');
}

/** Patches the retrieved site (one DigitalExperienceBundle, one Network) under `defaultDir`. */
export function patchRetrievedSite(defaultDir: string): PatchResult {
    const site = only(
        path.join(defaultDir, 'digitalExperiences', 'site'),
        'LWR site bundle',
        () => true
    );
    const view = path.join(site, 'sfdc_cms__view', 'home', 'content.json');
    if (!existsSync(view)) {
        throw new PortalSiteError(
            `${view}: no home view in the retrieved site`
        );
    }
    const network = only(path.join(defaultDir, 'networks'), 'Network', (name) =>
        name.endsWith('.network-meta.xml')
    );
    const changed: string[] = [];
    const placed = placeComponent(
        JSON.parse(readFileSync(view, 'utf8')) as unknown,
        view
    );
    if (placed.changed) {
        writeFileSync(view, `${JSON.stringify(placed.view, null, 2)}\n`);
        changed.push(view);
    }
    const members = addMembers(readFileSync(network, 'utf8'), network);
    if (members.changed) {
        writeFileSync(network, members.xml);
        changed.push(network);
    }
    return { view, network, changed };
}
