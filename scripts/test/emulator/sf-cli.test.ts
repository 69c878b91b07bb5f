import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type EmulatorHandle } from '../../emulator';

const exec = promisify(execFile);
const SF = path.resolve(__dirname, '../../../node_modules/.bin/sf');

// The pinned sf CLI takes ~3 s to start; four commands run here.
jest.setTimeout(90000);

describe('the pinned sf CLI against the emulator', () => {
    let emulator: EmulatorHandle;
    let home: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
        emulator = await startEmulator({ port: 0 });
        home = mkdtempSync(path.join(os.tmpdir(), 'cpk-sf-home-'));
        const orgId = String(emulator.org.rows('Organization')[0]?.Id);
        // A HOME of its own: the CLI's auth store and config stay in the temp folder.
        env = {
            ...process.env,
            HOME: home,
            SF_ACCESS_TOKEN: `${orgId}!${emulator.accessToken}`,
            SF_DISABLE_TELEMETRY: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            // The name oclif reads (the other is the older spelling): no detached `sf update`.
            SF_DISABLE_AUTOUPDATE: 'true',
            SF_USE_GENERIC_UNIX_KEYCHAIN: 'true'
        };
    });
    afterAll(async () => {
        await emulator.close();
        rmSync(home, { recursive: true, force: true });
    });

    const sf = async (
        args: string[]
    ): Promise<{ status: number; result: unknown }> => {
        const { stdout } = await exec(
            process.execPath,
            [SF, ...args, '--json'],
            { env }
        ).catch((error: { stdout: string }) => error);
        return JSON.parse(stdout) as { status: number; result: unknown };
    };

    it('logs in with an access token, then queries with a parent field and a child subquery', async () => {
        const login = await sf([
            'org',
            'login',
            'access-token',
            '--instance-url',
            emulator.url,
            '--no-prompt',
            '--alias',
            'emu'
        ]);
        expect(login).toMatchObject({
            status: 0,
            result: { username: 'admin@case-portal.emulator' }
        });

        const users = await sf([
            'data',
            'query',
            '--target-org',
            'emu',
            '--query',
            "SELECT Username, Profile.Name FROM User WHERE Profile.Name = 'System Administrator'"
        ]);
        expect(users).toMatchObject({
            status: 0,
            result: {
                records: [
                    expect.objectContaining({
                        Username: 'admin@case-portal.emulator',
                        Profile: expect.objectContaining({
                            Name: 'System Administrator'
                        })
                    })
                ]
            }
        });

        const sets = await sf([
            'data',
            'query',
            '--target-org',
            'emu',
            '--query',
            "SELECT Name, (SELECT SobjectType FROM ObjectPerms) FROM PermissionSet WHERE Name = 'Case_Portal_Integration_User_Permissions'"
        ]);
        expect(sets).toMatchObject({ status: 0, result: { totalSize: 1 } });
    });

    it('sf project deploy meets a clear "not emulated" answer, not 401', async () => {
        const deploy = await sf([
            'project',
            'deploy',
            'start',
            '--source-dir',
            'force-app/main/default/customPermissions',
            '--target-org',
            'emu',
            '--wait',
            '1'
        ]);
        const text = JSON.stringify(deploy);
        expect(deploy.status).not.toBe(0);
        expect(text).toContain('not emulated');
        expect(text).not.toContain('INVALID_SESSION_ID');
    });
});
