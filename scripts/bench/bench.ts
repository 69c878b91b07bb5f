import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { startEmulator, type EmulatorHandle } from '../emulator';
import { loadContract } from '../src/access/contract';
import { runVerify } from '../src/access/run-verify';
import { assign } from '../src/assign/assign';
import { renderTable } from '../src/lib/table';
import { OrgClient } from '../src/org/client';
import {
    loadDefinition,
    type UserDefinition
} from '../src/provision/definition';
import { provision } from '../src/provision/provision';

/**
 * `npm run bench`: API calls and wall time of the kit's commands against the local emulator,
 * each beside the naive path (one API call per step or per record, as `sf org create user` and
 * `sf org assign permset` do), measured in the same run. Calls are counted by the emulator.
 */

const ROOT = path.resolve(__dirname, '../..');
const API = '66.0';
const USERS = Number(process.env.BENCH_USERS ?? 10000);

interface Row {
    scenario: string;
    kitCalls: number;
    kitMs: number;
    naiveCalls: number;
    naiveMs: number;
    target: string;
    met: boolean;
}

function client(emulator: EmulatorHandle): OrgClient {
    return new OrgClient(
        new Connection({
            instanceUrl: emulator.url,
            accessToken: emulator.accessToken,
            version: API
        }),
        API
    );
}

function connection(emulator: EmulatorHandle): Connection {
    return new Connection({
        instanceUrl: emulator.url,
        accessToken: emulator.accessToken,
        version: API
    });
}

async function measure(
    emulator: EmulatorHandle,
    work: () => Promise<unknown>
): Promise<{ calls: number; ms: number }> {
    emulator.resetCalls();
    const start = performance.now();
    await work();
    return {
        calls: emulator.calls().total,
        ms: Math.round(performance.now() - start)
    };
}

/** What `sf org create user` + `sf org assign permset` amount to: a lookup and a write per step. */
async function naiveProvision(
    conn: Connection,
    definition: UserDefinition
): Promise<void> {
    const [profile] = (
        await conn.query<{ Id: string }>(
            `SELECT Id FROM Profile WHERE Name = '${definition.profileName}'`
        )
    ).records;
    const existing = (
        await conn.query<{ Id: string }>(
            `SELECT Id FROM User WHERE Username = '${definition.Username}'`
        )
    ).records[0];
    let userId = existing?.Id;
    if (!userId) {
        const {
            $schema: _schema,
            license: _license,
            profileName: _p,
            permissionSetLicenses,
            permissionSetGroups,
            permsets,
            ...fields
        } = definition;
        const created = await conn
            .sobject('User')
            .create({ ...fields, ProfileId: profile?.Id });
        userId = (created as { id: string }).id;
        void permsets;
        for (const name of permissionSetLicenses) {
            const [psl] = (
                await conn.query<{ Id: string }>(
                    `SELECT Id FROM PermissionSetLicense WHERE DeveloperName = '${name}'`
                )
            ).records;
            await conn.sobject('PermissionSetLicenseAssign').create({
                AssigneeId: userId,
                PermissionSetLicenseId: psl?.Id
            });
        }
        for (const name of permissionSetGroups) {
            const [group] = (
                await conn.query<{ Id: string }>(
                    `SELECT Id FROM PermissionSetGroup WHERE DeveloperName = '${name}'`
                )
            ).records;
            await conn.sobject('PermissionSetAssignment').create({
                AssigneeId: userId,
                PermissionSetGroupId: group?.Id
            });
        }
        return;
    }
    // A re-run: the naive path checks each assignment on its own.
    for (const name of definition.permissionSetLicenses) {
        await conn.query(
            `SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '${userId}' AND PermissionSetLicense.DeveloperName = '${name}'`
        );
    }
    for (const name of definition.permissionSetGroups) {
        await conn.query(
            `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND PermissionSetGroup.DeveloperName = '${name}'`
        );
    }
}

/** One query for the users, then one insert per assignment. */
async function naiveAssign(
    conn: Connection,
    setName: string,
    prefix: string
): Promise<void> {
    const [set] = (
        await conn.query<{ Id: string }>(
            `SELECT Id FROM PermissionSet WHERE Name = '${setName}'`
        )
    ).records;
    const users = await conn
        .query<{ Id: string }>(
            `SELECT Id FROM User WHERE Username LIKE '${prefix}%'`
        )
        .run({ autoFetch: true, maxFetch: 100000 });
    for (const user of users.records) {
        await conn
            .sobject('PermissionSetAssignment')
            .create({ AssigneeId: user.Id, PermissionSetId: set?.Id });
    }
}

/** Per assigned set: its object, field and setup-entity permissions, one query each. */
async function naiveVerify(conn: Connection, username: string): Promise<void> {
    await conn.query(
        `SELECT Id, ProfileId, IsActive FROM User WHERE Username = '${username}'`
    );
    const assignments = await conn.query<{ PermissionSetId: string }>(
        `SELECT PermissionSetId FROM PermissionSetAssignment WHERE Assignee.Username = '${username}'`
    );
    for (const assignment of assignments.records) {
        await conn.query(
            `SELECT Id, PermissionsApiEnabled, PermissionsPasswordNeverExpires FROM PermissionSet WHERE Id = '${assignment.PermissionSetId}'`
        );
        await conn.query(
            `SELECT SobjectType, PermissionsRead FROM ObjectPermissions WHERE ParentId = '${assignment.PermissionSetId}'`
        );
        await conn.query(
            `SELECT Field, PermissionsRead FROM FieldPermissions WHERE ParentId = '${assignment.PermissionSetId}'`
        );
    }
}

function seedUsers(
    emulator: EmulatorHandle,
    count: number,
    prefix: string
): void {
    const org = emulator.org;
    const profile = org.rows('Profile').find((p) => p.Name === 'Standard User');
    for (let i = 0; i < count; i++) {
        org.dml.create(
            'User',
            {
                Username: `${prefix}${i}@example.com`,
                LastName: `Bench ${i}`,
                Alias: `b${i}`.slice(0, 8),
                Email: `${prefix}${i}@example.com`,
                CommunityNickname: `${prefix}${i}`,
                TimeZoneSidKey: 'America/Los_Angeles',
                LocaleSidKey: 'en_US',
                EmailEncodingKey: 'UTF-8',
                LanguageLocaleKey: 'en_US',
                ProfileId: profile?.Id
            },
            { system: true }
        );
    }
}

async function main(): Promise<void> {
    const definition = loadDefinition(path.join(ROOT, 'config/api-user.json'));
    const rows: Row[] = [];
    const fresh = () =>
        startEmulator({
            port: 0,
            seed: { licenseSeats: { Salesforce: USERS + 100 } }
        });

    // Provision: cold, then with nothing to change.
    {
        const kit = await fresh();
        const naive = await fresh();
        const kitCold = await measure(kit, () =>
            provision(client(kit), definition, {
                dryRun: false,
                uniqueUsername: false
            })
        );
        const naiveCold = await measure(naive, () =>
            naiveProvision(connection(naive), definition)
        );
        rows.push({
            scenario: 'provision (cold)',
            kitCalls: kitCold.calls,
            kitMs: kitCold.ms,
            naiveCalls: naiveCold.calls,
            naiveMs: naiveCold.ms,
            target: '≤ 3 calls',
            met: kitCold.calls <= 3
        });
        const kitNoop = await measure(kit, () =>
            provision(client(kit), definition, {
                dryRun: false,
                uniqueUsername: false
            })
        );
        const naiveNoop = await measure(naive, () =>
            naiveProvision(connection(naive), definition)
        );
        rows.push({
            scenario: 'provision (nothing to change)',
            kitCalls: kitNoop.calls,
            kitMs: kitNoop.ms,
            naiveCalls: naiveNoop.calls,
            naiveMs: naiveNoop.ms,
            target: '1 call',
            met: kitNoop.calls === 1
        });

        // Verify one user holding the group (1 set), then 20 more sets.
        const contract = loadContract(
            path.join(ROOT, 'config/access/case-portal.json')
        );
        const v1 = await measure(kit, () =>
            runVerify(client(kit), [definition.Username], [contract], {})
        );
        const n1 = await measure(kit, () =>
            naiveVerify(connection(kit), definition.Username)
        );
        rows.push({
            scenario: 'verify, 1 set (in a group)',
            kitCalls: v1.calls,
            kitMs: v1.ms,
            naiveCalls: n1.calls,
            naiveMs: n1.ms,
            target: '≤ 4 calls',
            met: v1.calls <= 4
        });
        const user = kit.org
            .rows('User')
            .find((u) => u.Username === definition.Username);
        for (let i = 0; i < 19; i++) {
            const setId = kit.org.dml.create(
                'PermissionSet',
                { Name: `Bench_Set_${i}`, Label: `Bench Set ${i}` },
                { system: true }
            );
            kit.org.dml.create(
                'PermissionSetAssignment',
                { AssigneeId: user?.Id, PermissionSetId: setId },
                { system: true }
            );
        }
        const v20 = await measure(kit, () =>
            runVerify(client(kit), [definition.Username], [contract], {})
        );
        const n20 = await measure(kit, () =>
            naiveVerify(connection(kit), definition.Username)
        );
        rows.push({
            scenario: 'verify, 20 sets',
            kitCalls: v20.calls,
            kitMs: v20.ms,
            naiveCalls: n20.calls,
            naiveMs: n20.ms,
            target: '≤ 4 calls',
            met: v20.calls <= 4
        });
        await Promise.all([kit.close(), naive.close()]);
    }

    // Assign one set to USERS users.
    {
        const kit = await fresh();
        const naive = await fresh();
        const seedStart = performance.now();
        seedUsers(kit, USERS, 'bench');
        seedUsers(naive, USERS, 'bench');
        process.stderr.write(
            `seeded 2 x ${USERS} users in ${Math.round(performance.now() - seedStart)} ms\n`
        );
        const targets = {
            permissionSets: ['Case_Portal_User'],
            permissionSetGroups: [],
            permissionSetLicenses: []
        };
        const kitRun = await measure(kit, () =>
            assign(
                client(kit),
                targets,
                { where: "Username LIKE 'bench%'" },
                { dryRun: false, bulkThreshold: 2000 }
            )
        );
        const naiveRun = await measure(naive, () =>
            naiveAssign(connection(naive), 'Case_Portal_User', 'bench')
        );
        rows.push({
            scenario: `assign 1 set to ${USERS.toLocaleString('en-US')} users`,
            kitCalls: kitRun.calls,
            kitMs: kitRun.ms,
            naiveCalls: naiveRun.calls,
            naiveMs: naiveRun.ms,
            target: '≤ 60 calls',
            met: kitRun.calls <= 60
        });
        await Promise.all([kit.close(), naive.close()]);
    }

    const table = renderTable(
        [
            'scenario',
            'kit calls',
            'kit ms',
            'naive calls',
            'naive ms',
            'target',
            'met'
        ],
        rows.map((r) => [
            r.scenario,
            String(r.kitCalls),
            String(r.kitMs),
            String(r.naiveCalls),
            String(r.naiveMs),
            r.target,
            r.met ? 'yes' : 'NO'
        ])
    );
    process.stdout.write(`${table}\n`);
    const out = path.join(ROOT, 'reports/bench.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(
        out,
        `${JSON.stringify({ node: process.version, users: USERS, rows }, null, 2)}\n`
    );
    process.stdout.write(`written ${path.relative(ROOT, out)}\n`);
    process.exitCode = rows.every((r) => r.met) ? 0 : 1;
}

main().catch((error: unknown) => {
    process.stderr.write(
        `${error instanceof Error ? error.stack : String(error)}\n`
    );
    process.exitCode = 1;
});
