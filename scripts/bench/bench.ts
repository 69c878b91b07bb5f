import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@jsforce/jsforce-node';
import {
    startEmulator,
    type EmulatorHandle,
    type PackageSeed
} from '../emulator';
import { loadContract } from '../src/access/contract';
import { runVerify } from '../src/access/run-verify';
import { assign } from '../src/assign/assign';
import { assignPackageLicenses } from '../src/assign/package-licenses';
import { renderTable } from '../src/lib/table';
import { OrgClient } from '../src/org/client';
import {
    loadDefinition,
    type UserDefinition
} from '../src/provision/definition';
import { provision } from '../src/provision/provision';
import {
    startDroppingProxy,
    type DroppingProxy
} from '../test/support/dropping-proxy';
import { createUsers } from '../test/support/users';
import { CompositeMeter } from './composite-meter';
import {
    naiveAssignEach,
    packageTarget,
    permissionSetTarget
} from './package-licenses';

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
    /** The most Query/QueryAll/Collections subrequests in one of the kit's composites (limit 5). */
    kitMaxQueries: number;
    /** The naive path, where one is comparable. */
    naiveCalls?: number;
    naiveMs?: number;
    /** The sf CLI doing the same job, where it has a command for it. */
    sfCalls?: number;
    sfMs?: number;
    target: string;
    met: boolean;
}

/** An emulator, with the kit's clients behind a proxy that meters their composites. */
interface Org extends EmulatorHandle {
    proxy: DroppingProxy;
    meter: CompositeMeter;
}

async function startOrg(packages: PackageSeed[] = []): Promise<Org> {
    const emulator = await startEmulator({
        port: 0,
        seed: { licenseSeats: { Salesforce: USERS + 100 } },
        packages
    });
    const meter = new CompositeMeter();
    const proxy = await startDroppingProxy(emulator.url, meter.observe);
    return Object.assign(emulator, { proxy, meter });
}

async function closeOrg(org: Org): Promise<void> {
    await org.proxy.close();
    await org.close();
}

function client(org: Org): OrgClient {
    return new OrgClient(
        new Connection({
            instanceUrl: org.proxy.url,
            accessToken: org.accessToken,
            version: API
        }),
        API
    );
}

const exec = promisify(execFile);
const SF = path.join(ROOT, 'node_modules/.bin/sf');

/**
 * The pinned sf CLI logged in to an emulator with `sf org login access-token` (a HOME of its own),
 * so `sf org assign permset` can be measured on the same emulator, its own calls counted too.
 */
async function sfCli(org: Org): Promise<{
    run: (args: string[]) => Promise<void>;
    close: () => void;
}> {
    const home = mkdtempSync(path.join(os.tmpdir(), 'cpk-bench-sf-'));
    const orgId = String(org.org.rows('Organization')[0]?.Id);
    const env = {
        ...process.env,
        HOME: home,
        SF_ACCESS_TOKEN: `${orgId}!${org.accessToken}`,
        SF_DISABLE_TELEMETRY: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        // The name oclif reads (the other is the older spelling): no detached `sf update`.
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_USE_GENERIC_UNIX_KEYCHAIN: 'true'
    };
    const run = async (args: string[]): Promise<void> => {
        const { stdout } = await exec(
            process.execPath,
            [SF, ...args, '--json'],
            { env, maxBuffer: 64 * 1024 * 1024 }
        ).catch((error: { stdout: string }) => error);
        const status = (JSON.parse(stdout) as { status: number }).status;
        if (status !== 0) {
            throw new Error(
                `sf ${args.slice(0, 3).join(' ')}: status ${status}`
            );
        }
    };
    await run([
        'org',
        'login',
        'access-token',
        '--instance-url',
        org.url,
        '--no-prompt',
        '--alias',
        'bench'
    ]);
    return {
        run,
        close: () => rmSync(home, { recursive: true, force: true })
    };
}

function connection(emulator: EmulatorHandle): Connection {
    return new Connection({
        instanceUrl: emulator.url,
        accessToken: emulator.accessToken,
        version: API
    });
}

async function measure(
    emulator: Org,
    work: () => Promise<unknown>
): Promise<{ calls: number; ms: number; maxQueries: number }> {
    emulator.resetCalls();
    emulator.meter.reset();
    const start = performance.now();
    await work();
    return {
        calls: emulator.calls().total,
        ms: Math.round(performance.now() - start),
        maxQueries: emulator.meter.maxQueries
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
            packageLicenses: _packages,
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
    createUsers(emulator.org, count, prefix);
}

async function main(): Promise<void> {
    const definition = loadDefinition(path.join(ROOT, 'config/api-user.json'));
    const rows: Row[] = [];
    const fresh = startOrg;

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
            kitMaxQueries: kitCold.maxQueries,
            naiveCalls: naiveCold.calls,
            naiveMs: naiveCold.ms,
            target: '≤ 3 calls',
            met: kitCold.calls <= 3 && kitCold.maxQueries <= 5
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
            kitMaxQueries: kitNoop.maxQueries,
            naiveCalls: naiveNoop.calls,
            naiveMs: naiveNoop.ms,
            target: '1 call',
            met: kitNoop.calls === 1 && kitNoop.maxQueries <= 5
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
            kitMaxQueries: v1.maxQueries,
            naiveCalls: n1.calls,
            naiveMs: n1.ms,
            target: '≤ 4 calls',
            met: v1.calls <= 4 && v1.maxQueries <= 5
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
            kitMaxQueries: v20.maxQueries,
            naiveCalls: n20.calls,
            naiveMs: n20.ms,
            target: '≤ 4 calls',
            met: v20.calls <= 4 && v20.maxQueries <= 5
        });
        await Promise.all([closeOrg(kit), closeOrg(naive)]);
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
            naiveAssignEach(
                connection(naive),
                permissionSetTarget('Case_Portal_User'),
                'bench'
            )
        );
        rows.push({
            scenario: `assign 1 set to ${USERS.toLocaleString('en-US')} users`,
            kitCalls: kitRun.calls,
            kitMs: kitRun.ms,
            kitMaxQueries: kitRun.maxQueries,
            naiveCalls: naiveRun.calls,
            naiveMs: naiveRun.ms,
            target: '≤ 60 calls',
            met: kitRun.calls <= 60 && kitRun.maxQueries <= 5
        });
        const kitAgain = await measure(kit, () =>
            assign(
                client(kit),
                targets,
                { where: "Username LIKE 'bench%'" },
                { dryRun: false, bulkThreshold: 2000 }
            )
        );
        rows.push({
            scenario: `assign again (nothing to do)`,
            kitCalls: kitAgain.calls,
            kitMs: kitAgain.ms,
            kitMaxQueries: kitAgain.maxQueries,
            target: '≤ 15 calls',
            met: kitAgain.calls <= 15 && kitAgain.maxQueries <= 5
        });
        await Promise.all([closeOrg(kit), closeOrg(naive)]);
    }

    // Assign one set to 20 users: the kit, the naive path and `sf org assign permset`.
    {
        const kit = await fresh();
        const naive = await fresh();
        const sfOrg = await fresh();
        const count = 20;
        for (const org of [kit, naive, sfOrg]) {
            seedUsers(org, count, 'few');
        }
        const usernames = Array.from(
            { length: count },
            (_, i) => `few${i}@example.com`
        );
        const kitRun = await measure(kit, () =>
            assign(
                client(kit),
                {
                    permissionSets: ['Case_Portal_User'],
                    permissionSetGroups: [],
                    permissionSetLicenses: []
                },
                { usernames },
                { dryRun: false, bulkThreshold: 2000 }
            )
        );
        const naiveRun = await measure(naive, () =>
            naiveAssignEach(
                connection(naive),
                permissionSetTarget('Case_Portal_User'),
                'few'
            )
        );
        const sf = await sfCli(sfOrg);
        const sfRun = await measure(sfOrg, () =>
            sf.run([
                'org',
                'assign',
                'permset',
                '--name',
                'Case_Portal_User',
                '-o',
                'bench',
                ...usernames.flatMap((u) => ['--on-behalf-of', u])
            ])
        );
        sf.close();
        rows.push({
            scenario: `assign 1 set to ${count} users`,
            kitCalls: kitRun.calls,
            kitMs: kitRun.ms,
            kitMaxQueries: kitRun.maxQueries,
            naiveCalls: naiveRun.calls,
            naiveMs: naiveRun.ms,
            sfCalls: sfRun.calls,
            sfMs: sfRun.ms,
            target: '≤ 2 calls',
            met: kitRun.calls <= 2 && kitRun.maxQueries <= 5
        });
        await Promise.all([closeOrg(kit), closeOrg(naive), closeOrg(sfOrg)]);
    }

    // Assign a managed package's seat to 1,000 users (UserPackageLicense).
    {
        const count = 1000;
        const packages = [{ namespace: 'acme', seats: count + 100 }];
        const kit = await startOrg(packages);
        const naive = await startOrg(packages);
        for (const org of [kit, naive]) {
            seedUsers(org, count, 'pkg');
        }
        const run = () =>
            assignPackageLicenses(
                client(kit),
                ['acme'],
                { where: "Username LIKE 'pkg%'" },
                { remove: false, dryRun: false }
            );
        const kitRun = await measure(kit, run);
        const naiveRun = await measure(naive, () =>
            naiveAssignEach(connection(naive), packageTarget('acme'), 'pkg')
        );
        const seats = Math.ceil(count / 200);
        rows.push({
            scenario: `assign a package licence to ${count.toLocaleString('en-US')} users`,
            kitCalls: kitRun.calls,
            kitMs: kitRun.ms,
            kitMaxQueries: kitRun.maxQueries,
            naiveCalls: naiveRun.calls,
            naiveMs: naiveRun.ms,
            target: `≤ ${seats + 2} calls`,
            met: kitRun.calls <= seats + 2 && kitRun.maxQueries <= 5
        });
        const again = await measure(kit, run);
        rows.push({
            scenario: 'assign the package licence again (nothing to do)',
            kitCalls: again.calls,
            kitMs: again.ms,
            kitMaxQueries: again.maxQueries,
            target: '≤ 2 calls',
            met: again.calls <= 2 && again.maxQueries <= 5
        });
        await Promise.all([closeOrg(kit), closeOrg(naive)]);
    }

    const table = renderTable(
        [
            'scenario',
            'kit calls',
            'kit ms',
            'max q/composite',
            'naive calls',
            'naive ms',
            'sf CLI calls',
            'sf CLI ms',
            'target',
            'met'
        ],
        rows.map((r) => [
            r.scenario,
            String(r.kitCalls),
            String(r.kitMs),
            String(r.kitMaxQueries),
            r.naiveCalls === undefined ? '-' : String(r.naiveCalls),
            r.naiveMs === undefined ? '-' : String(r.naiveMs),
            r.sfCalls === undefined ? '-' : String(r.sfCalls),
            r.sfMs === undefined ? '-' : String(r.sfMs),
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
