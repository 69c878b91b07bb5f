import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    PortalSiteError,
    addMembers,
    patchRetrievedSite,
    placeComponent
} from '../../src/scratch/portal-site';

// The view fixture follows the shape of an LWR site's sfdc_cms__view content.json (a component
// tree whose "region" nodes hold components), the Network fixture trailheadapps/ebikes-lwc's
// networks/E-Bikes.network-meta.xml (networkMemberGroups/profile, status).
const FIXTURES = path.join(__dirname, 'fixtures', 'lwr-site');
const view = (): unknown =>
    JSON.parse(readFileSync(path.join(FIXTURES, 'home-content.json'), 'utf8'));
const network = readFileSync(path.join(FIXTURES, 'network.xml'), 'utf8');

describe('the scratch-org LWR site: casePortal on the home view, portal profiles as members', () => {
    it('places c:casePortal in the first region, once', () => {
        const first = placeComponent(view(), 'home', undefined, () => 'id-1');
        expect(first.changed).toBe(true);
        expect(JSON.stringify(first.view)).toContain(
            '"children":[{"attributes":{},"definition":"c:casePortal","id":"id-1","type":"component"}],"id":"6a2d2a1c-0000-4000-8000-000000000002"'
        );
        const again = placeComponent(
            first.view,
            'home',
            undefined,
            () => 'id-2'
        );
        expect(again.changed).toBe(false);
        expect(JSON.stringify(again.view)).not.toContain('id-2');
    });

    it('names the file when the view has no region or is not a view', () => {
        expect(() =>
            placeComponent(
                { contentBody: { component: { type: 'component' } } },
                'views/home/content.json'
            )
        ).toThrow(
            /views\/home\/content\.json: the view has no region .* to place c:casePortal in/
        );
        expect(() => placeComponent({}, 'x.json')).toThrow(PortalSiteError);
    });

    it('adds the portal profiles to the members and sets the site Live, once', () => {
        const first = addMembers(network, 'E.network-meta.xml');
        expect(first.changed).toBe(true);
        expect(first.xml).toContain(
            '<networkMemberGroups>\n        <profile>Customer Community User</profile>\n        <profile>Customer Community Login User</profile>\n        <profile>Admin</profile>'
        );
        expect(first.xml).toContain('<status>Live</status>');
        expect(addMembers(first.xml, 'E.network-meta.xml').changed).toBe(false);
        const bare = addMembers(
            '<Network xmlns="http://soap.sforce.com/2006/04/metadata">\n</Network>\n',
            'bare'
        ).xml;
        expect(bare).toContain(
            '<networkMemberGroups>\n        <profile>Customer Community User</profile>'
        );
        expect(bare).toContain('<status>Live</status>');
    });

    it('patches a retrieved site in place and refuses an ambiguous retrieve', () => {
        const root = mkdtempSync(path.join(os.tmpdir(), 'lwr-site-'));
        try {
            const viewDir = path.join(
                root,
                'digitalExperiences/site/Case_Portal_CI1/sfdc_cms__view/home'
            );
            mkdirSync(viewDir, { recursive: true });
            cpSync(
                path.join(FIXTURES, 'home-content.json'),
                path.join(viewDir, 'content.json')
            );
            mkdirSync(path.join(root, 'networks'));
            cpSync(
                path.join(FIXTURES, 'network.xml'),
                path.join(root, 'networks/Case Portal CI.network-meta.xml')
            );
            expect(patchRetrievedSite(root).changed).toHaveLength(2);
            expect(
                readFileSync(path.join(viewDir, 'content.json'), 'utf8')
            ).toContain('"definition": "c:casePortal"');
            expect(patchRetrievedSite(root).changed).toEqual([]);

            mkdirSync(path.join(root, 'digitalExperiences/site/Other1'));
            expect(() => patchRetrievedSite(root)).toThrow(
                /expected exactly one LWR site bundle, found 2 \(Case_Portal_CI1, Other1\)/
            );
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});
