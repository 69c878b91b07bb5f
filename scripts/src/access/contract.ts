import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
    highRiskObjectAccess,
    highRiskPermission,
    toxicCombinations
} from './catalogue';
import { ENTITY_KINDS, OBJECT_ACCESS, type ObjectAccess } from './types';

/**
 * Access contracts (DESIGN section 4): what an integration user must have (`require`), should
 * have (`recommend`, a warning) and may have (`allow`). Default-deny: every other grant in the
 * user's effective access is a finding. `config/access/<name>.json`, validated here; errors name
 * the file and the JSON path. High-risk grants (catalogue.ts) need a named justification.
 */

export { OBJECT_ACCESS, type ObjectAccess } from './types';

const PARAM = /\$\{([A-Za-z]\w*)\}/g;

const apiName = z
    .string()
    .regex(
        /^(\$\{[A-Za-z]\w*\}|[A-Za-z][A-Za-z0-9_]*)$/,
        'must be an API name or a ${parameter}'
    );
/** Tab names: `standard-Account` for standard tabs (Tooling API, PermissionSetTabSetting.Name). */
const tabName = z
    .string()
    .regex(
        /^(\$\{[A-Za-z]\w*\}|[A-Za-z][A-Za-z0-9_-]*)$/,
        'must be a tab name (standard-Account, My_Object__c) or a ${parameter}'
    );
const fieldName = z
    .string()
    .regex(
        /^(\$\{[A-Za-z]\w*\}|[A-Za-z][A-Za-z0-9_]*)\.[A-Za-z][A-Za-z0-9_]*$/,
        'must be Object.Field'
    );
/** A managed package's namespace prefix (PackageLicense.NamespacePrefix). */
const namespacePrefix = z
    .string()
    .regex(
        /^(\$\{[A-Za-z]\w*\}|[A-Za-z][A-Za-z0-9_]*)$/,
        'must be a namespace prefix or a ${parameter}'
    );
const accessList = z.array(z.enum(OBJECT_ACCESS)).min(1);
const fieldAccess = z.enum(['read', 'edit']);
/** A finding's level: `fail` (exit 1) or `warn`. */
const findingLevel = z.enum(['fail', 'warn']);
const level = z.enum(['require', 'recommend']);

const grantList = (name: z.ZodString) =>
    z
        .object({
            require: z.array(name).default([]),
            recommend: z.array(name).default([]),
            allow: z.array(name).default([])
        })
        .strict()
        .default({ require: [], recommend: [], allow: [] });

const UNLISTED_KINDS = [
    'userPermissions',
    'objects',
    'fieldEdit',
    'fieldRead',
    'packageLicenses',
    ...ENTITY_KINDS
] as const;
export type UnlistedKind = (typeof UNLISTED_KINDS)[number];

const baseSchema = z
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
                packageLicenses: grantList(namespacePrefix).describe(
                    'Managed package seats (UserPackageLicense) by namespace prefix: require (missing or expired fails), recommend (warns), allow; any other seat the user holds is a default-deny finding'
                ),
                profileMayGrant: z.boolean().default(true),
                active: z.boolean().default(true),
                notFrozen: z.boolean().default(true)
            })
            .strict()
            .default({
                profileMayGrant: true,
                active: true,
                notFrozen: true,
                packageLicenses: { require: [], recommend: [], allow: [] }
            }),
        unlisted: z
            .object({
                level: findingLevel.default('fail'),
                fieldRead: z.boolean().default(false),
                levels: z
                    .partialRecord(z.enum(UNLISTED_KINDS), findingLevel)
                    .default({})
            })
            .strict()
            .default({ level: 'fail', fieldRead: false, levels: {} })
            .describe(
                'Default-deny: a grant the contract does not require, recommend or allow is a finding at this level (fail unless set to warn, per kind in levels). Field read is checked only with fieldRead: true.'
            ),
        userPermissions: grantList(apiName),
        objects: z
            .record(
                apiName,
                z
                    .object({
                        require: accessList.optional(),
                        recommend: accessList.optional(),
                        allow: accessList.optional(),
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
                        require: fieldAccess.optional(),
                        recommend: fieldAccess.optional(),
                        allow: fieldAccess.optional(),
                        ifPresent: z.boolean().default(false)
                    })
                    .strict()
            )
            .default({}),
        setupEntities: z
            .object({
                apexClasses: grantList(apiName),
                apexPages: grantList(apiName),
                customPermissions: grantList(apiName),
                connectedApps: grantList(apiName).describe(
                    'Connected apps and External Client Apps (SetupEntityType ConnectedApplication)'
                ),
                tabs: grantList(tabName)
            })
            .strict()
            .default({
                apexClasses: { require: [], recommend: [], allow: [] },
                apexPages: { require: [], recommend: [], allow: [] },
                customPermissions: { require: [], recommend: [], allow: [] },
                connectedApps: { require: [], recommend: [], allow: [] },
                tabs: { require: [], recommend: [], allow: [] }
            }),
        justifications: z
            .record(
                z.string().min(1),
                z
                    .string()
                    .min(
                        20,
                        'a justification says why the integration needs it (20 characters at least)'
                    )
            )
            .default({})
            .describe(
                'High-risk grants (the catalogue in scripts/src/access/catalogue.ts) that this contract requires or allows, each with why: a user permission name, or Object.access (User.edit).'
            ),
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

type ParsedContract = z.output<typeof baseSchema>;

export interface ContractIssue {
    path: (string | number)[];
    message: string;
}

/** Access implied by another (ObjectPermissions: Create/Edit need Read, Delete needs Edit, ...). */
export function impliedAccess(list: readonly ObjectAccess[]): ObjectAccess[] {
    const out = new Set<ObjectAccess>(list);
    if (out.has('modifyAll')) {
        ['viewAll', 'delete'].forEach((a) => out.add(a as ObjectAccess));
    }
    if (out.has('delete')) out.add('edit');
    if (out.size > 0) out.add('read');
    return OBJECT_ACCESS.filter((a) => out.has(a));
}

/**
 * High-risk grants named without a justification, and justifications nothing uses. Names are
 * compared in any letter case (`user` is `User`), and the justification key is the catalogue's
 * spelling (`User.edit`); a toxic combination the contract lists in full needs its own key.
 */
export function highRiskIssues(contract: ParsedContract): ContractIssue[] {
    const issues: ContractIssue[] = [];
    const used = new Set<string>();
    const given = new Map(
        Object.entries(contract.justifications).map(([key, why]) => [
            key.toLowerCase(),
            why
        ])
    );
    const justified = (key: string) => {
        used.add(key.toLowerCase());
        return (given.get(key.toLowerCase()) ?? '').length > 0;
    };
    for (const list of ['require', 'recommend', 'allow'] as const) {
        contract.userPermissions[list].forEach((name, index) => {
            const risk = highRiskPermission(name);
            if (risk && !justified(risk.key)) {
                issues.push({
                    path: ['userPermissions', list, index],
                    message: `${name} is high-risk (${risk.reason}; ${risk.source}): name it in justifications.${risk.key} with why the integration needs it`
                });
            }
        });
        for (const [object, rule] of Object.entries(contract.objects)) {
            (rule[list] ?? []).forEach((access, index) => {
                const risk = highRiskObjectAccess(object, access);
                if (risk && !justified(risk.key)) {
                    issues.push({
                        path: ['objects', object, list, index],
                        message: `${object}.${access} is high-risk (${risk.reason}; ${risk.source}): name it in justifications["${risk.key}"] with why the integration needs it`
                    });
                }
            });
        }
    }
    const p = contract.userPermissions;
    for (const combination of toxicCombinations([
        ...p.require,
        ...p.recommend,
        ...p.allow
    ])) {
        if (!justified(combination.key)) {
            issues.push({
                path: ['userPermissions'],
                message: `${combination.permissions.join(' + ')} together are a toxic combination (${combination.reason}; ${combination.source}): name it in justifications["${combination.key}"] with why the integration needs all of them`
            });
        }
    }
    for (const key of Object.keys(contract.justifications)) {
        if (!used.has(key.toLowerCase())) {
            issues.push({
                path: ['justifications', key],
                message: `justifies ${key}, which is not a high-risk grant this contract requires, recommends or allows`
            });
        }
    }
    return issues;
}

export const contractSchema = baseSchema.superRefine((contract, context) => {
    for (const issue of highRiskIssues(contract)) {
        context.addIssue({
            code: 'custom',
            path: issue.path,
            message: issue.message
        });
    }
});

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
    const used = [...JSON.stringify(contract).matchAll(PARAM)].map((m) => m[1]);
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

/** Where a contract still uses a parameter: the JSON path of each use. */
export interface ParameterUse {
    parameter: string;
    path: string;
    /** In a `require` rule (an error when the parameter is missing) or not (skipped). */
    required: boolean;
}

function walk(
    value: unknown,
    at: string[],
    visit: (text: string, at: string[]) => void
): void {
    if (typeof value === 'string') {
        visit(value, at);
    } else if (Array.isArray(value)) {
        value.forEach((item, index) =>
            walk(item, [...at, `[${index}]`], visit)
        );
    } else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
            visit(key, [...at, key]);
            walk(item, [...at, key], visit);
        }
    }
}

/** Uses of parameters left in a (resolved) contract. */
export function parameterUses(contract: Contract): ParameterUse[] {
    const uses = new Map<string, ParameterUse>();
    const { parameters, description, ...rules } = contract;
    void parameters;
    void description;
    walk(rules, [], (text, at) => {
        for (const match of text.matchAll(PARAM)) {
            const parameter = match[1] ?? '';
            const where = at.join('.').replace(/\.\[/g, '[');
            // An object or field named by a parameter is required when its rule requires.
            const requiredRule =
                at.includes('require') ||
                ((at[0] === 'objects' || at[0] === 'fields') &&
                    at.length === 2 &&
                    (contract[at[0]] as Record<string, { require?: unknown }>)[
                        at[1] ?? ''
                    ]?.require !== undefined);
            const key = `${parameter}@${where}`;
            uses.set(key, { parameter, path: where, required: requiredRule });
        }
    });
    return [...uses.values()];
}

/**
 * Replaces `${name}` with the given parameter values; a value for a parameter the contract does
 * not declare is an error. What is left unresolved is for the caller (parameterUses).
 */
export function resolveParameters(
    contract: Contract,
    values: Record<string, string>
): Contract {
    for (const name of Object.keys(values)) {
        if (!contract.parameters?.[name]) {
            const known = Object.keys(contract.parameters ?? {});
            throw new ContractError(
                `contract ${contract.name}: unknown parameter "${name}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (it declares none)'}`
            );
        }
    }
    const text = JSON.stringify(contract).replace(
        PARAM,
        (whole, name: string) =>
            name in values ? JSON.stringify(values[name]).slice(1, -1) : whole
    );
    const resolved = JSON.parse(text) as Contract;
    const issues = highRiskIssues(resolved);
    if (issues.length > 0) {
        throw new ContractError(
            issues
                .map(
                    (issue) =>
                        `contract ${contract.name}: ${formatPath(issue.path)}: ${issue.message}`
                )
                .join('\n')
        );
    }
    return resolved;
}

/** True when a name still holds a `${parameter}` that was not given. */
export function isUnresolved(name: string): boolean {
    return /\$\{[A-Za-z]\w*\}/.test(name);
}
