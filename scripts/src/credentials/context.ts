// What every credentials action shares: the org, the user, the project, the outcome shape (the
// flags and the output are the plugin's: scripts/plugin/src/commands/casekit/credentials.ts).

import path from 'node:path';
import { loadProject } from '../lib/project';
import type { OrgClient } from '../org/client';
import { connect } from '../org/connect';
import {
    loadDefinition,
    type UserDefinition
} from '../integration-user/definition';

type OptionSpec = {
    type: 'string' | 'boolean';
    short?: string;
    multiple?: boolean;
    default?: string | boolean;
};

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

/** One `npm run credentials -- <name>` action. */
export interface CredentialsAction {
    name: string;
    summary: string;
    usage: string;
    options: Record<string, OptionSpec>;
    run(context: ActionContext): Promise<Outcome>;
}
