import { nearestNames } from '../lib/nearest';
import type { Contract } from './contract';
import type { OrgSchema } from './fetch';

/**
 * Contracts checked against the org's describe before any rule is evaluated: a user permission,
 * object or field the org does not know is an error naming the nearest real names (`Taks` →
 * `Task`), never a silent pass. Objects and fields marked `ifPresent` may be absent.
 */
export function checkNames(contracts: Contract[], schema: OrgSchema): string[] {
    const errors: string[] = [];
    const objects = new Map(
        schema.objects.map((name) => [name.toLowerCase(), name])
    );
    const permissions = new Set(schema.userPermissions);
    const permissionsLower = new Set(
        schema.userPermissions.map((name) => name.toLowerCase())
    );
    const nearest = (name: string, known: Iterable<string>) => {
        const near = nearestNames(name, known);
        return near.length > 0 ? ` (nearest: ${near.join(', ')})` : '';
    };
    for (const contract of contracts) {
        const where = `contract ${contract.name}`;
        const p = contract.userPermissions;
        const permissionNames = new Map<string, string>();
        for (const list of ['require', 'recommend', 'allow'] as const) {
            p[list].forEach((name, i) =>
                permissionNames.set(name, `userPermissions.${list}[${i}]`)
            );
        }
        (contract.naming?.grants ?? []).forEach((name, i) =>
            permissionNames.set(name, `naming.grants[${i}]`)
        );
        for (const [name, at] of permissionNames) {
            if (!permissionsLower.has(name.toLowerCase())) {
                errors.push(
                    `${where}: ${at}: unknown user permission "${name}"${nearest(name, permissions)}`
                );
            }
        }
        for (const [object, rule] of Object.entries(contract.objects)) {
            if (!rule.ifPresent && !objects.has(object.toLowerCase())) {
                errors.push(
                    `${where}: objects.${object}: no object "${object}" in this org${nearest(object, objects.values())}`
                );
            }
        }
        for (const [field, rule] of Object.entries(contract.fields)) {
            const [object = '', name = ''] = field.split('.');
            const known = objects.get(object.toLowerCase());
            if (!known) {
                if (!rule.ifPresent) {
                    errors.push(
                        `${where}: fields.${field}: no object "${object}" in this org${nearest(object, objects.values())}`
                    );
                }
                continue;
            }
            const fields =
                schema.fields.get(known) ?? schema.fields.get(object);
            if (
                fields &&
                !fields.some((f) => f.toLowerCase() === name.toLowerCase())
            ) {
                errors.push(
                    `${where}: fields.${field}: ${known} has no field "${name}"${nearest(name, fields)}`
                );
            }
        }
    }
    return errors;
}

/** Objects whose describe the checks need (their fields are named). */
export function objectsToDescribe(contracts: Contract[]): string[] {
    return [
        ...new Set(
            contracts.flatMap((c) =>
                Object.keys(c.fields).map((f) => f.split('.')[0] ?? f)
            )
        )
    ].sort();
}

/**
 * The contracts with every object, field and user permission name in the org's spelling (names
 * are matched in any letter case, as Salesforce does), so that every rule, high-risk and
 * default-deny included, sees `User` where a contract wrote `user` (issue 20, item 2). Call after
 * checkNames.
 */
export function normaliseNames(
    contracts: Contract[],
    schema: OrgSchema
): Contract[] {
    const objects = new Map(
        schema.objects.map((name) => [name.toLowerCase(), name])
    );
    const permissions = new Map(
        schema.userPermissions.map((name) => [name.toLowerCase(), name])
    );
    const object = (name: string): string =>
        objects.get(name.toLowerCase()) ?? name;
    const permission = (name: string): string =>
        permissions.get(name.toLowerCase()) ?? name;
    const field = (key: string): string => {
        const [objectName = '', fieldName = ''] = key.split('.');
        const known = object(objectName);
        const fields = schema.fields.get(known) ?? [];
        const spelled =
            fields.find((f) => f.toLowerCase() === fieldName.toLowerCase()) ??
            fieldName;
        return `${known}.${spelled}`;
    };
    const list = <T extends { require: string[]; recommend: string[] }>(
        rule: T
    ): T => ({
        ...rule,
        require: rule.require.map(permission),
        recommend: rule.recommend.map(permission),
        ...('allow' in rule
            ? { allow: (rule as { allow: string[] }).allow.map(permission) }
            : {})
    });
    return contracts.map((contract) => ({
        ...contract,
        userPermissions: list(contract.userPermissions),
        objects: Object.fromEntries(
            Object.entries(contract.objects).map(([name, rule]) => [
                object(name),
                rule
            ])
        ),
        fields: Object.fromEntries(
            Object.entries(contract.fields).map(([name, rule]) => [
                field(name),
                rule
            ])
        ),
        justifications: Object.fromEntries(
            Object.entries(contract.justifications).map(([key, why]) => {
                const dot = key.lastIndexOf('.');
                return [
                    dot > 0
                        ? `${object(key.slice(0, dot))}${key.slice(dot)}`
                        : key.split('+').map(permission).join('+'),
                    why
                ];
            })
        ),
        naming: contract.naming && {
            ...contract.naming,
            grants: contract.naming.grants.map(permission)
        }
    }));
}
