// What every credentials action shares: the common flags, the org, the user, the output.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, ORG_COMMAND_FLAGS, printJson } from '../lib/cli';
import { loadProject } from '../lib/project';
import type { OrgClient } from '../org/client';
import { connect } from '../org/connect';
import {
    loadDefinition,
    type UserDefinition
} from '../integration-user/definition';
import { CredentialsError } from './errors';

type OptionSpec = {
    type: 'string' | 'boolean';
    short?: string;
    multiple?: boolean;
    default?: string | boolean;
};

export const COMMON_OPTIONS = {
    ...ORG_COMMAND_FLAGS,
    user: { type: 'string' },
    definition: { type: 'string', default: 'config/api-user.json' },
    'project-dir': { type: 'string', default: '.' }
} as const satisfies Record<string, OptionSpec>;

export const COMMON_USAGE = `Common flags:
  -o, --target-org <alias>   an org authorized with the sf CLI; without it SF_INSTANCE_URL + SF_ACCESS_TOKEN
  --user <username>          the integration user (default: Username in config/api-user.json)
  --definition <file>        the user definition (default: config/api-user.json)
  --project-dir <dir>        the SFDX project (default: .)
  --dry-run                  print the plan; write nothing to the org or the disk
  --json                     one JSON document on stdout
  -h, --help                 this help`;

export type Values = Record<string, string | boolean | string[] | undefined>;

export type Status = 'done' | 'unchanged' | 'planned' | 'partial';

export interface Outcome {
    status: Status;
    /** Human-readable lines (never a secret). */
    lines: string[];
    /** The JSON result (never a secret unless the admin asked with --show). */
    result: Record<string, unknown>;
    warnings: string[];
    /** Overrides the exit code (e.g. 1 when a readiness check fails). */
    exitCode?: number;
}

/** A dry run's outcome: the plan, one step a line, and that nothing was written. */
export function planned(
    subject: string,
    steps: string[],
    result: Record<string, unknown>,
    warnings: string[] = []
): Outcome {
    return {
        status: 'planned',
        lines: [
            `Plan for ${subject}:`,
            ...steps.map((step) => `  ${step}`),
            'Dry run: nothing was written.'
        ],
        result,
        warnings
    };
}

/** A re-run that finds the work done: what is there, and how to force it where that exists. */
export function unchanged(
    lines: string[],
    result: Record<string, unknown>,
    warnings: string[] = []
): Outcome {
    return { status: 'unchanged', lines, result, warnings };
}

export class ActionContext {
    readonly projectRoot: string;
    readonly dryRun: boolean;
    readonly json: boolean;
    private definitionCache: UserDefinition | undefined;
    private clientCache: OrgClient | undefined;

    constructor(
        readonly values: Values,
        readonly env: NodeJS.ProcessEnv = process.env
    ) {
        this.projectRoot = loadProject(
            path.resolve(String(values['project-dir'] ?? '.'))
        ).root;
        this.dryRun = values['dry-run'] === true;
        this.json = values.json === true;
    }

    string(name: string): string | undefined {
        const value = this.values[name];
        return typeof value === 'string' ? value : undefined;
    }

    flag(name: string): boolean {
        return this.values[name] === true;
    }

    definition(): UserDefinition {
        this.definitionCache ??= loadDefinition(
            path.resolve(
                this.projectRoot,
                this.string('definition') ?? 'config/api-user.json'
            )
        );
        return this.definitionCache;
    }

    username(): string {
        return this.string('user') ?? this.definition().Username;
    }

    async client(): Promise<OrgClient> {
        this.clientCache ??= await connect({
            targetOrg: this.string('target-org'),
            apiVersion: loadProject(this.projectRoot).sourceApiVersion,
            env: this.env
        });
        return this.clientCache;
    }

    /** A path given on the command line, relative to the current directory. */
    resolve(file: string): string {
        return path.resolve(file);
    }

    /** A path for messages: relative to the project when inside it. */
    shown(file: string): string {
        const relative = path.relative(this.projectRoot, file);
        return relative.startsWith('..') || path.isAbsolute(relative)
            ? file
            : relative.split(path.sep).join('/');
    }
}

/** Parses the common flags plus an action's own. */
export function parseValues(
    argv: string[],
    own: Record<string, OptionSpec>,
    usage: string
): Values {
    try {
        return parseArgs({
            args: argv,
            strict: true,
            allowPositionals: false,
            options: { ...COMMON_OPTIONS, ...own }
        }).values as Values;
    } catch (error) {
        throw new CredentialsError(
            'BAD_ARGUMENT',
            `${error instanceof Error ? error.message : String(error)}\n\n${usage}`
        );
    }
}

/** Prints an outcome (JSON or text) and returns the exit code: 68 for partial success. */
export function report(
    context: ActionContext,
    action: string,
    outcome: Outcome
): number {
    const code =
        outcome.exitCode ??
        (outcome.status === 'partial' ? EXIT.partial : EXIT.ok);
    if (context.json) {
        printJson(
            code,
            { action, status: outcome.status, ...outcome.result },
            outcome.warnings
        );
    } else {
        process.stdout.write(`${outcome.lines.join('\n')}\n`);
        for (const warning of outcome.warnings) {
            process.stderr.write(`Warning: ${warning}\n`);
        }
    }
    return code;
}

/** One `npm run credentials -- <name>` action. */
export interface CredentialsAction {
    name: string;
    summary: string;
    usage: string;
    options: Record<string, OptionSpec>;
    run(context: ActionContext): Promise<Outcome>;
}
