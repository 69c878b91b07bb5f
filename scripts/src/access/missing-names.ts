import type { OrgClient } from '../org/client';
import { inList } from '../org/soql';
import type { RuleResult } from './types';

/**
 * A required or recommended app, Apex class, Visualforce page, custom permission, permission set
 * or group the user lacks may not exist in the org at all (a typo, or not deployed): then the
 * finding says "no such X in this org" and how to fix the contract or the deploy, never "grant it"
 * (issue 20, item 11). Only names behind a failing or warning rule are looked up, in one
 * composite call, so a clean run costs nothing more.
 */
const KINDS: Record<
    string,
    { object: string; field: string; label: string; deploy: string }
> = {
    apexClasses: {
        object: 'ApexClass',
        field: 'Name',
        label: 'Apex class',
        deploy: 'Deploy the class'
    },
    apexPages: {
        object: 'ApexPage',
        field: 'Name',
        label: 'Visualforce page',
        deploy: 'Deploy the page'
    },
    customPermissions: {
        object: 'CustomPermission',
        field: 'DeveloperName',
        label: 'custom permission',
        deploy: 'Deploy the custom permission'
    },
    connectedApps: {
        object: 'ConnectedApplication',
        field: 'Name',
        label: 'connected / external client app',
        deploy: 'Deploy the app (its API name, e.g. Case_Portal_Integration)'
    },
    permissionSets: {
        object: 'PermissionSet',
        field: 'Name',
        label: 'permission set',
        deploy: 'Deploy the permission set'
    },
    permissionSetGroups: {
        object: 'PermissionSetGroup',
        field: 'DeveloperName',
        label: 'permission set group',
        deploy: 'Deploy the permission set group'
    }
};

/** `setupEntities.apexClasses.require.X`, `permissionSetGroups.recommend.X`: kind and name. */
function parse(rule: string): { kind: string; name: string } | undefined {
    const match =
        /^(?:setupEntities\.)?(apexClasses|apexPages|customPermissions|connectedApps|permissionSets|permissionSetGroups)\.(?:require|recommend)\.(.+)$/.exec(
            rule
        );
    return match ? { kind: match[1] ?? '', name: match[2] ?? '' } : undefined;
}

export async function markMissingNames(
    client: OrgClient,
    results: RuleResult[]
): Promise<void> {
    const wanted = new Map<string, Set<string>>();
    for (const result of results) {
        const parsed =
            result.status === 'fail' || result.status === 'warn'
                ? parse(result.rule)
                : undefined;
        if (parsed) {
            wanted.set(
                parsed.kind,
                (wanted.get(parsed.kind) ?? new Set()).add(parsed.name)
            );
        }
    }
    if (wanted.size === 0) {
        return;
    }
    const answers = await client.queries(
        [...wanted].map(([kind, names]) => {
            const k = KINDS[kind];
            return {
                referenceId: kind,
                soql: `SELECT ${k?.field ?? 'Name'} FROM ${k?.object ?? ''} WHERE ${k?.field ?? 'Name'} IN ${inList(names)}`
            };
        })
    );
    const present = new Map<string, Set<string>>();
    for (const [kind] of wanted) {
        const field = KINDS[kind]?.field ?? 'Name';
        present.set(
            kind,
            new Set(
                ((answers.get(kind) ?? []) as Record<string, unknown>[]).map(
                    (row) => String(row[field]).toLowerCase()
                )
            )
        );
    }
    for (const result of results) {
        const parsed =
            result.status === 'fail' || result.status === 'warn'
                ? parse(result.rule)
                : undefined;
        const kind = parsed && KINDS[parsed.kind];
        if (
            parsed &&
            kind &&
            !present.get(parsed.kind)?.has(parsed.name.toLowerCase())
        ) {
            result.actual = `no such ${kind.label} "${parsed.name}" in this org`;
            result.fix = `${kind.deploy} to this org, or correct the name in the contract (names are API names)`;
        }
    }
}
