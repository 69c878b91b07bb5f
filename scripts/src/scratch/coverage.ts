import { type JsonObject, isObject, valueAt } from './sf-json';

export interface CoverageVerdict {
    ok: boolean;
    /** Org-wide coverage in percent, when the output holds it. */
    coverage?: number;
    minimum: number;
    message: string;
}

/** `"93%"`, `"93.5%"` or `93` → 93 / 93.5; anything else → undefined. */
export function parsePercent(value: unknown): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) {
        return value;
    }
    if (typeof value !== 'string') {
        return undefined;
    }
    const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
    return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The coverage gate: the org-wide coverage at `path` in the output of
 * `sf apex run test --code-coverage --result-format json --json` must be at least `minimum`.
 */
export function checkCoverage(
    output: JsonObject | undefined,
    path: string,
    minimum: number
): CoverageVerdict {
    const raw = valueAt(output, path);
    const coverage = parsePercent(raw);
    if (coverage === undefined) {
        return {
            ok: false,
            minimum,
            message: `no org-wide coverage at ${path} in the Apex test output (was --code-coverage passed?)`
        };
    }
    const ok = coverage >= minimum;
    return {
        ok,
        coverage,
        minimum,
        message: ok
            ? `org-wide coverage ${coverage}% (minimum ${minimum}%)`
            : `org-wide coverage ${coverage}% is below the minimum of ${minimum}%`
    };
}

/** One line on an Apex test run: outcome and counts, from `result.summary`. */
export function summarizeApexRun(output: JsonObject | undefined): string {
    const summary = valueAt(output, 'result.summary');
    if (!isObject(summary)) {
        return 'no Apex test summary in the output';
    }
    const count = (key: string): string =>
        typeof summary[key] === 'number' ? String(summary[key]) : '?';
    const outcome =
        typeof summary.outcome === 'string' ? summary.outcome : 'unknown';
    return `Apex tests ${outcome}: ${count('passing')} passing, ${count('failing')} failing, ${count('skipped')} skipped of ${count('testsRan')}`;
}
