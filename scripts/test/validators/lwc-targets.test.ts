import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
    DOCUMENTED_LWC_TARGETS,
    TYPO_DISTANCE,
    typoCandidates
} from '../../src/metadata/checks/lwc-targets';
import { distance } from '../../src/lib/nearest';
import { validateMetadata } from '../../src/metadata/validate';
import { REPO_ROOT, fixtureProject } from './fixture-project';

const META = 'force-app/main/default/lwc/hello/hello.js-meta.xml';

/** The clean fixture's `hello` bundle with these `<targets>` and `<targetConfigs>`. */
const bundle = (targets: string[], configs = ''): string =>
    `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <isExposed>true</isExposed>
    <targets>
${targets.map((target) => `        <target>${target}</target>`).join('\n')}
    </targets>${configs ? `\n    <targetConfigs>\n${configs}    </targetConfigs>` : ''}
</LightningComponentBundle>
`;

const config = (targets: string): string =>
    `        <targetConfig targets="${targets}">\n            <property name="name" type="String" />\n        </targetConfig>\n`;

async function findingsFor(metaXml: string) {
    const project = fixtureProject(undefined, { [META]: metaXml });
    try {
        return (await validateMetadata(project.dir, { policy: false }))
            .findings;
    } finally {
        project.cleanup();
    }
}

/** Every `<target>` and `targets="..."` value in the js-meta.xml files below `dir`. */
function targetsUsedUnder(dir: string): string[] {
    const used: string[] = [];
    for (const entry of readdirSync(dir, {
        recursive: true,
        encoding: 'utf8'
    })) {
        if (!entry.endsWith('.js-meta.xml')) {
            continue;
        }
        const text = readFileSync(path.join(dir, entry), 'utf8');
        for (const match of text.matchAll(/<target>([^<]+)<\/target>/g)) {
            used.push((match[1] ?? '').trim());
        }
        for (const match of text.matchAll(/targets="([^"]+)"/g)) {
            used.push(...(match[1] ?? '').split(',').map((t) => t.trim()));
        }
    }
    return used;
}

describe('LWC targets: the documented list', () => {
    it('holds every target Salesforce’s own component templates use', () => {
        const templates = path.join(
            REPO_ROOT,
            'node_modules/@salesforce/templates/lib/templates'
        );
        const used = targetsUsedUnder(templates);
        expect(used).toEqual(
            expect.arrayContaining([
                'analytics__Dashboard',
                'lightning__AppPage'
            ])
        );
        expect(
            used.filter((target) => !DOCUMENTED_LWC_TARGETS.has(target))
        ).toEqual([]);
    });

    it('keeps documented targets further apart than a typo, so none reads as a typo of another', () => {
        const names = [...DOCUMENTED_LWC_TARGETS.keys()];
        const tooClose = names.flatMap((a, i) =>
            names
                .slice(i + 1)
                .filter((b) => distance(a, b) <= TYPO_DISTANCE)
                .map((b) => `${a} ~ ${b}`)
        );
        expect(tooClose).toEqual([]);
        expect(names.length).toBeGreaterThanOrEqual(20);
    });

    it('reads near misses as typos and leaves far unknown targets alone', () => {
        expect(typoCandidates('lightning__RecordPage')).toEqual([]);
        expect(typoCandidates('lightning__RecordPge')).toEqual([
            'lightning__RecordPage'
        ]);
        expect(typoCandidates('lightningCommunity_Page')).toEqual([
            'lightningCommunity__Page'
        ]);
        expect(typoCandidates('lightning__recordpage')).toEqual([
            'lightning__RecordPage'
        ]);
        // Unknown to this list but nowhere near a documented target: maybe next release's.
        expect(typoCandidates('lightning__SomeFutureTarget')).toEqual([]);
        expect(typoCandidates('lightning__Dashboard')).toEqual([]);
    });
});

describe('validate:metadata on LWC targets', () => {
    it('accepts documented targets and a targetConfig listing them (spaces allowed)', async () => {
        const findings = await findingsFor(
            bundle(
                ['lightning__AppPage', 'lightning__HomePage'],
                config('lightning__AppPage, lightning__HomePage')
            )
        );
        expect(findings).toEqual([]);
    });

    it.each([
        ['lightning__RecordPge', 'lightning__RecordPage'],
        ['lightningCommunity_Page', 'lightningCommunity__Page'],
        ['lightning__Tabb', 'lightning__Tab']
    ])('rejects the typo %s, naming %s', async (typo, nearest) => {
        const findings = await findingsFor(
            bundle(['lightning__AppPage', typo])
        );
        expect(findings).toEqual([
            {
                file: META,
                line: 7,
                element: 'targets/target',
                message: expect.stringContaining(
                    `"${typo}" is not an LWC target the LWC Developer Guide documents; did you mean ${nearest}`
                ) as string,
                rule: 'lwc-target'
            }
        ]);
    });

    it('leaves an unknown target far from every documented one to lwc-unknown-target', async () => {
        const findings = await findingsFor(
            bundle(['lightning__AppPage', 'lightning__SomeFutureTarget'])
        );
        expect(findings.map((finding) => finding.rule)).toEqual([
            'lwc-unknown-target'
        ]);
    });

    it('rejects a targetConfig naming a target <targets> does not list', async () => {
        const findings = await findingsFor(
            bundle(
                ['lightning__AppPage'],
                config('lightning__AppPage,lightning__RecordPage')
            )
        );
        expect(findings).toEqual([
            {
                file: META,
                line: 9,
                element: 'targetConfigs/targetConfig',
                message: expect.stringMatching(
                    /targets="lightning__AppPage,lightning__RecordPage" names lightning__RecordPage, which <targets> does not list/
                ) as string,
                rule: 'lwc-target'
            }
        ]);
    });
});
