import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The integration user's definition (`config/api-user.json`), in the style of the sf CLI's user
 * definition files (`Username`, `profileName`, `permsets`), plus the licence, permission set
 * licences and permission set groups the kit assigns.
 */
export const definitionSchema = z
    .object({
        $schema: z.string().optional(),
        Username: z.email('must be an email-shaped username'),
        FirstName: z.string().max(40).optional(),
        LastName: z.string().min(1).max(80),
        Email: z.email(),
        Alias: z.string().min(1).max(8),
        TimeZoneSidKey: z.string().min(1),
        LocaleSidKey: z.string().min(1),
        EmailEncodingKey: z.string().min(1),
        LanguageLocaleKey: z.string().min(1),
        license: z
            .string()
            .min(1)
            .describe('UserLicense name the profile must be on'),
        profileName: z.string().min(1),
        permissionSetLicenses: z.array(z.string().min(1)).default([]),
        permissionSetGroups: z.array(z.string().min(1)).default([]),
        permsets: z.array(z.string().min(1)).default([]),
        packageLicenses: z
            .array(
                z
                    .string()
                    .regex(
                        /^[A-Za-z][A-Za-z0-9_]*$/,
                        'must be a managed package namespace prefix'
                    )
            )
            .default([])
            .describe(
                'Managed packages whose seat (UserPackageLicense) the user gets, by namespace prefix'
            )
    })
    .strict();

export type UserDefinition = z.output<typeof definitionSchema>;

export class DefinitionError extends Error {}

export function parseDefinition(raw: unknown, file: string): UserDefinition {
    const parsed = definitionSchema.safeParse(raw);
    if (!parsed.success) {
        throw new DefinitionError(
            parsed.error.issues
                .map(
                    (issue) =>
                        `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`
                )
                .join('\n')
        );
    }
    return parsed.data;
}

export function loadDefinition(file: string): UserDefinition {
    let raw: unknown;
    try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        throw new DefinitionError(
            `${file}: cannot read or parse: ${(error as Error).message}`
        );
    }
    return parseDefinition(raw, file);
}

/** The user fields provision sets and compares (everything but the access lists). */
export const USER_FIELDS = [
    'Username',
    'FirstName',
    'LastName',
    'Email',
    'Alias',
    'TimeZoneSidKey',
    'LocaleSidKey',
    'EmailEncodingKey',
    'LanguageLocaleKey'
] as const;
