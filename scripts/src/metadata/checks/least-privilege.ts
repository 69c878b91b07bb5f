import { readFileSync, statSync } from 'node:fs';
import {
    HIGH_RISK_PERMISSIONS,
    highRiskPermission,
    toxicCombinations
} from '../../access/catalogue';
import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import type { XmlElement } from '../xml';

/**
 * User permissions no permission set of this kit may grant (DESIGN section 3): the one high-risk
 * catalogue that verify and the contract loader use too, each entry with its reason and source.
 */
export const FORBIDDEN_USER_PERMISSIONS: readonly string[] =
    HIGH_RISK_PERMISSIONS.map((entry) => entry.key);

const FORBIDDEN_OBJECT_FLAGS = ['modifyAllRecords', 'viewAllRecords'] as const;

/** Elements that hold OAuth scopes in connected apps and external client apps. */
const SCOPE_ELEMENTS = new Set(['scopes', 'oauthScopes']);
const SCOPE_LIST_ELEMENTS = new Set(['commaSeparatedOauthScopes']);

/** Secrets in any text file, parsed or not: a private key, or an OAuth consumer key or secret. */
const SECRETS: { pattern: RegExp; what: string }[] = [
    {
        pattern:
            /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/,
        what: 'a private key: keys for the JWT bearer flow stay outside the repo'
    },
    {
        pattern: /<(?:consumerSecret|consumerKey|oauthConsumerSecret)>/,
        what: 'an OAuth consumer key or secret: they are org-specific and never belong in the repo'
    }
];

const MAX_SCANNED_BYTES = 5 * 1024 * 1024;

function child(element: XmlElement, name: string): XmlElement | undefined {
    return element.children.find((candidate) => candidate.name === name);
}

function* descendants(element: XmlElement): Generator<XmlElement> {
    for (const item of element.children) {
        yield item;
        yield* descendants(item);
    }
}

function permissionSetRules(meta: ParsedMetaFile): Finding[] {
    const findings: Finding[] = [];
    const granted: string[] = [];
    for (const grant of meta.root.children) {
        if (grant.name === 'userPermissions') {
            const name = child(grant, 'name')?.text ?? '';
            const enabled = child(grant, 'enabled')?.text === 'true';
            const risk = enabled ? highRiskPermission(name) : undefined;
            if (enabled) {
                granted.push(name);
            }
            if (risk) {
                findings.push({
                    file: meta.file,
                    line: grant.line,
                    element: `userPermissions/${name}`,
                    message: `grants ${name}, which an integration or portal user must never hold (least privilege): high-risk, ${risk.reason} (${risk.source})`,
                    rule: 'least-privilege-user-permission'
                });
            }
        }
        if (grant.name === 'objectPermissions') {
            const object = child(grant, 'object')?.text ?? '?';
            for (const flag of FORBIDDEN_OBJECT_FLAGS) {
                if (child(grant, flag)?.text === 'true') {
                    findings.push({
                        file: meta.file,
                        line: grant.line,
                        element: `objectPermissions/${flag}`,
                        message: `grants ${flag} on ${object}: sharing must decide which records it sees (least privilege)`,
                        rule: 'least-privilege-object'
                    });
                }
            }
        }
    }
    for (const combination of toxicCombinations(granted)) {
        findings.push({
            file: meta.file,
            line: meta.root.line,
            element: `userPermissions/${combination.key}`,
            message: `grants ${combination.permissions.join(' + ')} together, a toxic combination: ${combination.reason} (${combination.source})`,
            rule: 'least-privilege-toxic-combination'
        });
    }
    return findings;
}

function oauthRules(meta: ParsedMetaFile): Finding[] {
    const findings: Finding[] = [];
    for (const element of descendants(meta.root)) {
        const scopes = SCOPE_ELEMENTS.has(element.name)
            ? [element.text]
            : SCOPE_LIST_ELEMENTS.has(element.name)
              ? element.text.split(',').map((scope) => scope.trim())
              : [];
        if (scopes.includes('Full')) {
            findings.push({
                file: meta.file,
                line: element.line,
                element: element.name,
                message:
                    'requests the Full OAuth scope; an integration needs Api (and RefreshToken) only',
                rule: 'least-privilege-oauth-scope'
            });
        }
    }
    return findings;
}

function secretRules(
    files: string[],
    rel: (file: string) => string
): Finding[] {
    const findings: Finding[] = [];
    for (const file of files) {
        if (statSync(file).size > MAX_SCANNED_BYTES) {
            continue;
        }
        const text = readFileSync(file, 'latin1');
        for (const secret of SECRETS) {
            const match = secret.pattern.exec(text);
            if (match) {
                findings.push({
                    file: rel(file),
                    line: text.slice(0, match.index).split('\n').length,
                    message: `contains ${secret.what}`,
                    rule: 'no-secrets'
                });
            }
        }
    }
    return findings;
}

/**
 * Least-privilege and secret rules that fail the build: forbidden user permissions and
 * View All / Modify All in any permission set, the Full OAuth scope, and consumer keys,
 * consumer secrets or private keys in any file.
 */
export function checkLeastPrivilege(
    parsed: ParsedMetaFile[],
    files: string[],
    rel: (file: string) => string
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed) {
        if (meta.typeName === 'PermissionSet' || meta.typeName === 'Profile') {
            findings.push(...permissionSetRules(meta));
        }
        findings.push(...oauthRules(meta));
    }
    findings.push(...secretRules(files, rel));
    return findings;
}
