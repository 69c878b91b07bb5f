import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Access contracts: what an integration user must, should and must not have (DESIGN section 4).
 * `config/access/<name>.json`, validated here; errors name the file and the JSON path.
 */

export const OBJECT_ACCESS = [
    'read',
    'create',
    'edit',
    'delete',
    'viewAll',
    'modifyAll'
] as const;
export type ObjectAccess = (typeof OBJECT_ACCESS)[number];

/** Forbidden for every integration user unless a contract lists them under `userPermissions.allow`. */
export const DEFAULT_FORBIDDEN_PERMISSIONS = [
    'ModifyAllData',
    'ViewAllData',
    'AuthorApex',
    'CustomizeApplication',
    'ManageUsers'
] as const;

const apiName = z
    .string()
    .regex(
        /^(\$\{[A-Za-z]\w*\}|[A-Za-z][A-Za-z0-9_]*)$/,
        'must be an API name or a ${parameter}'
    );
const objectName = apiName;
const fieldName = z
    .string()
    .regex(
        /^(\$\{[A-Za-z]\w*\}|[A-Za-z][A-Za-z0-9_]*)\.[A-Za-z][A-Za-z0-9_]*$/,
        'must be Object.Field'
    );
const accessList = z.array(z.enum(OBJECT_ACCESS)).min(1);
const level = z.enum(['require', 'recommend']);

export const contractSchema = z
    .object({
        $schema: z.string().optional(),
        name: z
            .string()
            .regex(
                /^[a-z0-9-]+$/,
                'must be lower-case words joined by hyphens'
            ),
        description: z.string().min(1),
        parameters: z
            .record(
                z.string().regex(/^[A-Za-z]\w*$/),
                z.object({ description: z.string().min(1) }).strict()
            )
            .optional(),
        user: z
            .object({
                licenses: z.array(z.string().min(1)).min(1).optional(),
                profileMayGrant: z.boolean().default(true),
                active: z.boolean().default(true),
                notFrozen: z.boolean().default(true)
            })
            .strict()
            .default({ profileMayGrant: true, active: true, notFrozen: true }),
        userPermissions: z
            .object({
                require: z.array(apiName).default([]),
                recommend: z.array(apiName).default([]),
                forbid: z.array(apiName).default([]),
                allow: z.array(apiName).default([])
            })
            .strict()
            .default({ require: [], recommend: [], forbid: [], allow: [] }),
        objects: z
            .record(
                objectName,
                z
                    .object({
                        require: accessList.optional(),
                        recommend: accessList.optional(),
                        forbid: accessList.optional(),
                        ifPresent: z.boolean().default(false)
                    })
                    .strict()
            )
            .default({}),
        fields: z
            .record(
                fieldName,
                z
                    .object({
                        require: z.enum(['read', 'edit']),
                        ifPresent: z.boolean().default(false)
                    })
                    .strict()
            )
            .default({}),
        setupEntities: z
            .object({
                apexClasses: z.array(apiName).default([]),
                customPermissions: z.array(apiName).default([]),
                connectedApps: z.array(apiName).default([]),
                externalClientApps: z.array(apiName).default([])
            })
            .strict()
            .default({
                apexClasses: [],
                customPermissions: [],
                connectedApps: [],
                externalClientApps: []
            }),
        permissionSets: z
            .object({
                require: z.array(apiName).default([]),
                recommend: z.array(apiName).default([]),
                ifPresent: z.boolean().default(false)
            })
            .strict()
            .optional(),
        permissionSetGroups: z
            .object({
                require: z.array(apiName).default([]),
                recommend: z.array(apiName).default([]),
                recommendAny: z.boolean().default(false)
            })
            .strict()
            .optional(),
        login: z
            .object({
                noIpRanges: level.optional(),
                noLoginHours: level.optional()
            })
            .strict()
            .optional(),
        naming: z
            .object({
                permissionSetPattern: z.string().min(1),
                grants: z.array(apiName).min(1),
                level: level.default('require')
            })
            .strict()
            .optional()
    })
    .strict();

export type Contract = z.output<typeof contractSchema>;
export type ContractInput = z.input<typeof contractSchema>;

export class ContractError extends Error {}

function formatPath(pathParts: PropertyKey[]): string {
    if (pathParts.length === 0) {
        return '(root)';
    }
    return pathParts
        .map((part, index) =>
            typeof part === 'number'
                ? `[${part}]`
                : `${index === 0 ? '' : '.'}${String(part)}`
        )
        .join('');
}

/** zod's message, or for a bad record key the key's own rule (zod nests it). */
function issueMessage(issue: z.core.$ZodIssue): string {
    if (issue.code === 'invalid_key' && issue.issues.length > 0) {
        return issue.issues.map((inner) => inner.message).join('; ');
    }
    return issue.message;
}

/** Parses a contract object; errors are `<file>: <path>: <reason>`, one a line. */
export function parseContract(raw: unknown, file: string): Contract {
    const parsed = contractSchema.safeParse(raw);
    if (!parsed.success) {
        const lines = parsed.error.issues.map(
            (issue) =>
                `${file}: ${formatPath(issue.path)}: ${issueMessage(issue)}`
        );
        throw new ContractError(lines.join('\n'));
    }
    const contract = parsed.data;
    if (contract.naming) {
        try {
            new RegExp(contract.naming.permissionSetPattern);
        } catch (error) {
            throw new ContractError(
                `${file}: naming.permissionSetPattern: not a valid regular expression: ${(error as Error).message}`
            );
        }
    }
    const used = [
        ...JSON.stringify(contract).matchAll(/\$\{([A-Za-z]\w*)\}/g)
    ].map((m) => m[1]);
    for (const name of used) {
        if (name && !contract.parameters?.[name]) {
            throw new ContractError(
                `${file}: uses \${${name}} but declares no parameter "${name}" under parameters`
            );
        }
    }
    return contract;
}

export function loadContract(file: string): Contract {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        throw new ContractError(
            `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
        );
    }
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (error) {
        throw new ContractError(
            `${file}: not valid JSON: ${(error as Error).message}`
        );
    }
    return parseContract(raw, path.relative(process.cwd(), file) || file);
}

/**
 * Replaces `${name}` with the given parameter values. Entries whose name still holds an unset
 * parameter are kept, marked by `unresolved`, so verify can report them as skipped.
 */
export function resolveParameters(
    contract: Contract,
    values: Record<string, string>
): { contract: Contract; unresolved: string[] } {
    for (const name of Object.keys(values)) {
        if (!contract.parameters?.[name]) {
            const known = Object.keys(contract.parameters ?? {});
            throw new ContractError(
                `contract ${contract.name}: unknown parameter "${name}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (it declares none)'}`
            );
        }
    }
    const unresolved = Object.keys(contract.parameters ?? {}).filter(
        (name) => !(name in values)
    );
    const text = JSON.stringify(contract).replace(
        /\$\{([A-Za-z]\w*)\}/g,
        (whole, name: string) =>
            name in values ? (values[name] ?? whole) : whole
    );
    return { contract: JSON.parse(text) as Contract, unresolved };
}

/** True when a name still holds a `${parameter}` that was not given. */
export function isUnresolved(name: string): boolean {
    return /\$\{[A-Za-z]\w*\}/.test(name);
}

/** The forbidden user permissions in force: the defaults and the contract's own, less `allow`. */
export function forbiddenPermissions(contract: Contract): string[] {
    const allow = new Set(contract.userPermissions.allow);
    return [
        ...new Set([
            ...DEFAULT_FORBIDDEN_PERMISSIONS,
            ...contract.userPermissions.forbid
        ])
    ]
        .filter((name) => !allow.has(name))
        .sort();
}
