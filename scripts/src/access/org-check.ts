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
            if (!permissions.has(name)) {
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
