// Fault injection for reliability tests: latency, HTTP 503, UNABLE_TO_LOCK_ROW or
// REQUEST_LIMIT_EXCEEDED on chosen routes, on every Nth matching call.

import { readFileSync } from 'node:fs';
import { z } from 'zod';

const faultRuleSchema = z
    .object({
        /** HTTP method; any when absent. */
        method: z.string().toUpperCase().optional(),
        /** Path glob: "*" one segment, "**" any number. Default: every path. */
        path: z.string().default('/**'),
        fault: z.enum([
            'latency',
            '503',
            'UNABLE_TO_LOCK_ROW',
            'REQUEST_LIMIT_EXCEEDED'
        ]),
        latencyMs: z.number().int().nonnegative().default(0),
        /** Fire on every Nth matching call (1 = every call). */
        every: z.number().int().positive().default(1),
        /** Let the first N matching calls through untouched. */
        after: z.number().int().nonnegative().default(0),
        /** Fire at most this many times. */
        times: z.number().int().positive().optional()
    })
    .strict();

export const faultPlanSchema = z
    .object({ rules: z.array(faultRuleSchema) })
    .strict();

export type FaultPlanInput = z.input<typeof faultPlanSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;
export type FaultKind = FaultRule['fault'];

export interface FiredFault {
    fault: FaultKind;
    latencyMs: number;
}

function globToRegExp(glob: string): RegExp {
    let source = '';
    for (let i = 0; i < glob.length; i++) {
        const char = glob.charAt(i);
        if (char === '*' && glob.charAt(i + 1) === '*') {
            source += '.*';
            i++;
        } else if (char === '*') {
            source += '[^/]*';
        } else {
            source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
        }
    }
    return new RegExp(`^${source}/?$`, 'i');
}

interface ActiveRule {
    rule: FaultRule;
    pattern: RegExp;
    matched: number;
    fired: number;
}

export function parseFaultPlan(
    input: unknown,
    source = 'fault plan'
): FaultRule[] {
    const parsed = faultPlanSchema.safeParse(input);
    if (!parsed.success) {
        const issues = parsed.error.issues
            .map(
                (issue) =>
                    `${issue.path.join('.') || '(root)'}: ${issue.message}`
            )
            .join('; ');
        throw new Error(`${source}: ${issues}`);
    }
    return parsed.data.rules;
}

export function readFaultPlan(file: string): FaultRule[] {
    let raw: unknown;
    try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        throw new Error(
            `${file}: cannot read or parse: ${(error as Error).message}`
        );
    }
    return parseFaultPlan(raw, file);
}

export class FaultInjector {
    private rules: ActiveRule[] = [];

    set(rules: FaultRule[] | FaultPlanInput): void {
        const list = Array.isArray(rules) ? rules : parseFaultPlan(rules);
        this.rules = list.map((rule) => ({
            rule,
            pattern: globToRegExp(rule.path),
            matched: 0,
            fired: 0
        }));
    }

    clear(): void {
        this.rules = [];
    }

    /** The fault for this call, if a rule fires; latency rules add up with the first other fault. */
    next(method: string, path: string): FiredFault | undefined {
        let latencyMs = 0;
        let fault: FaultKind | undefined;
        for (const active of this.rules) {
            const { rule } = active;
            if (
                (rule.method && rule.method !== method) ||
                !active.pattern.test(path)
            ) {
                continue;
            }
            active.matched++;
            const position = active.matched - rule.after;
            if (position <= 0 || position % rule.every !== 0) {
                continue;
            }
            if (rule.times !== undefined && active.fired >= rule.times) {
                continue;
            }
            active.fired++;
            latencyMs += rule.latencyMs;
            if (rule.fault !== 'latency' && fault === undefined) {
                fault = rule.fault;
            }
        }
        if (fault === undefined && latencyMs === 0) {
            return undefined;
        }
        return { fault: fault ?? 'latency', latencyMs };
    }
}
