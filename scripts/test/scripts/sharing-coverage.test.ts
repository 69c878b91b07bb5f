import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assign, type AssignTargets } from '../../src/assign/assign';
import {
    readSharingSetCoverage,
    sharingCoverageWarnings
} from '../../src/assign/sharing-coverage';
import { createUsers } from '../support/users';
import { REPO_ROOT, startScriptHarness, type ScriptHarness } from './harness';

const portalSet: AssignTargets = {
    permissionSets: ['Case_Portal_User'],
    permissionSetGroups: [],
    permissionSetLicenses: []
};

/** A project whose one Case sharing set lists only `profiles`. */
function projectWith(profiles: string[]): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'sharing-coverage-'));
    writeFileSync(
        path.join(root, 'sfdx-project.json'),
        JSON.stringify({
            packageDirectories: [{ path: 'force-app', default: true }],
            sourceApiVersion: '66.0'
        })
    );
    const dir = path.join(root, 'force-app/main/default/sharingSets');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
        path.join(dir, 'Cases.sharingSet-meta.xml'),
        `<?xml version="1.0" encoding="UTF-8"?>
<SharingSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <accessMappings>
        <accessLevel>Read</accessLevel>
        <object>Case</object>
        <objectField>Contact</objectField>
        <userField>Contact</userField>
    </accessMappings>
    <name>Cases</name>
${profiles.map((p) => `    <profiles>${p}</profiles>`).join('\n')}
</SharingSet>
`
    );
    return root;
}

describe('sharing coverage of portal profiles (issue #19)', () => {
    it("reads the repository's Case sharing sets: both Customer Community profiles", () => {
        const coverage = readSharingSetCoverage(REPO_ROOT);
        expect(coverage.caseSharingSets).toEqual([
            'Case_Portal_Account_Cases',
            'Case_Portal_Customer_Cases'
        ]);
        expect([...coverage.profiles].sort()).toEqual([
            'customer community login user',
            'customer community user'
        ]);
    });

    it('warns once per uncovered external profile, case-insensitively, and never for internal users', () => {
        const coverage = readSharingSetCoverage(REPO_ROOT);
        const warnings = sharingCoverageWarnings(
            [
                {
                    Username: 'a@example.com',
                    UserType: 'CspLitePortal',
                    Profile: { Name: 'Acme Customer Login' }
                },
                {
                    Username: 'b@example.com',
                    UserType: 'CspLitePortal',
                    Profile: { Name: 'Acme Customer Login' }
                },
                {
                    Username: 'c@example.com',
                    UserType: 'CspLitePortal',
                    Profile: { Name: 'Customer Community Login User' }
                },
                {
                    Username: 'd@example.com',
                    UserType: 'Standard',
                    Profile: { Name: 'Standard User' }
                }
            ],
            coverage
        );
        expect(warnings).toEqual([
            expect.stringMatching(
                /^profile "Acme Customer Login" \(2 user\(s\), e\.g\. a@example\.com\) is in no Case sharing set \(Case_Portal_Account_Cases, Case_Portal_Customer_Cases\)/
            )
        ]);
        expect(warnings[0]).toContain(
            '<profiles>acme customer login</profiles>'
        );
    });

    describe('assign (against the emulator)', () => {
        let h: ScriptHarness;
        let usernames: string[];
        let project: string;

        beforeEach(async () => {
            h = await startScriptHarness();
            usernames = createUsers(
                h.emulator.org,
                2,
                'customer',
                'Customer Community User'
            );
            project = projectWith(['customer community login user']);
        });
        afterEach(async () => {
            if (project) {
                rmSync(project, { recursive: true, force: true });
            }
            await h.close();
        });

        it('warns when the portal set goes to users whose profile no sharing set covers, at no extra API call', async () => {
            const report = await assign(
                h.client(),
                portalSet,
                { usernames },
                { dryRun: true, bulkThreshold: 2000, projectDir: project }
            );
            expect(report.warnings).toEqual([
                expect.stringContaining(
                    'profile "Customer Community User" (2 user(s)'
                )
            ]);
            expect(report.apiCalls).toBe(1);
        });

        it("says nothing when the repository's sharing sets cover the profile", async () => {
            const report = await assign(
                h.client(),
                portalSet,
                { usernames },
                { dryRun: true, bulkThreshold: 2000, projectDir: REPO_ROOT }
            );
            expect(report.warnings).toEqual([]);
        });
    });
});
