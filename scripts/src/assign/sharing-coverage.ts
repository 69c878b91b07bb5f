import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadProject } from '../lib/project';
import { parseXml } from '../metadata/xml';

// Whether the portal users being given Case_Portal_User will see any case. Case external access is
// Private by default in orgs created after Spring '20, so a customer sees a case only through a
// sharing set that lists their profile (Metadata API Developer Guide, "SharingSet": `profiles`,
// "the profiles of users that are granted access"); a cloned or login-licence profile missing from
// every sharing set means an empty portal (issue #19). The sharing sets are read from this
// project's package directories (what `sf project deploy start` deploys), not from the org:
// sharing sets created in Setup are not seen, and a profile the org lists there is reported too.

/** The portal users' permission set: assigning it is when coverage matters. */
export const PORTAL_PERMISSION_SET = 'Case_Portal_User';

/**
 * External users' User.UserType values (Object Reference, "User", UserType): CspLitePortal is the
 * high-volume Customer Community / Customer Community Login licence; PowerCustomerSuccess
 * (Customer Community Plus), PowerPartner (Partner) and CustomerSuccess (Customer Portal) can
 * also get access from roles and sharing rules, which this check does not read.
 */
const PORTAL_USER_TYPES = new Set([
    'CspLitePortal',
    'PowerCustomerSuccess',
    'PowerPartner',
    'CustomerSuccess'
]);

export interface SharingSetCoverage {
    /** Sharing sets with an access mapping on Case, by name. */
    caseSharingSets: string[];
    /** Their profiles, lower case (sharing sets name profiles case-insensitively). */
    profiles: Set<string>;
}

export interface PortalUser {
    Username: string;
    UserType?: string | null;
    Profile?: { Name?: string | null } | null;
}

function sharingSetFiles(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter(
            (entry) =>
                entry.isFile() && entry.name.endsWith('.sharingSet-meta.xml')
        )
        .map((entry) => path.join(entry.parentPath, entry.name))
        .sort();
}

/** The Case sharing sets of the project's package directories and the profiles they cover. */
export function readSharingSetCoverage(projectDir: string): SharingSetCoverage {
    const project = loadProject(projectDir);
    const coverage: SharingSetCoverage = {
        caseSharingSets: [],
        profiles: new Set()
    };
    for (const file of project.packageDirs.flatMap(sharingSetFiles)) {
        const parsed = parseXml(readFileSync(file, 'utf8'));
        if (!parsed.ok) {
            continue;
        }
        const children = parsed.root.children;
        const onCase = children.some(
            (mapping) =>
                mapping.name === 'accessMappings' &&
                mapping.children.some(
                    (field) => field.name === 'object' && field.text === 'Case'
                )
        );
        if (!onCase) {
            continue;
        }
        coverage.caseSharingSets.push(
            path.basename(file, '.sharingSet-meta.xml')
        );
        for (const profile of children.filter(
            (entry) => entry.name === 'profiles'
        )) {
            coverage.profiles.add(profile.text.trim().toLowerCase());
        }
    }
    return coverage;
}

/** One warning per profile of external users that no Case sharing set covers. */
export function sharingCoverageWarnings(
    users: PortalUser[],
    coverage: SharingSetCoverage
): string[] {
    const uncovered = new Map<string, string[]>();
    for (const user of users) {
        const profile = user.Profile?.Name;
        if (
            !PORTAL_USER_TYPES.has(user.UserType ?? '') ||
            !profile ||
            coverage.profiles.has(profile.toLowerCase())
        ) {
            continue;
        }
        uncovered.set(profile, [
            ...(uncovered.get(profile) ?? []),
            user.Username
        ]);
    }
    const sets =
        coverage.caseSharingSets.length > 0
            ? coverage.caseSharingSets.join(', ')
            : 'none in this project';
    return [...uncovered].map(
        ([profile, usernames]) =>
            `profile "${profile}" (${usernames.length} user(s), e.g. ${usernames[0] ?? ''}) is in no Case sharing set (${sets}): Case external access is Private by default, so these portal users see no case. ` +
            `Add <profiles>${profile.toLowerCase()}</profiles> to the sharing sets in force-app/main/default/sharingSets and deploy (README, "Portal profiles and sharing sets")`
    );
}

/** The assign hook: warnings only when the portal set is among the targets. */
export function portalSharingWarnings(
    permissionSets: string[],
    users: PortalUser[],
    projectDir = '.'
): string[] {
    if (!permissionSets.includes(PORTAL_PERMISSION_SET)) {
        return [];
    }
    let coverage: SharingSetCoverage;
    try {
        coverage = readSharingSetCoverage(projectDir);
    } catch (error) {
        return [
            `could not read the project's sharing sets to check portal coverage: ${(error as Error).message}`
        ];
    }
    return sharingCoverageWarnings(users, coverage);
}
