import path from 'node:path';
import {
    CodeAnalyzer,
    CodeAnalyzerConfig,
    EventType,
    LogLevel,
    SeverityLevel,
    type EngineLogEvent
} from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import type { Finding } from '../lib/findings';

export interface PmdReport {
    /** Severity 1 (critical) and 2 (high) violations, and files PMD could not process. */
    findings: Finding[];
    /** Count of lower-severity violations (3 to 5): reported, not failing. */
    lowerSeverityCount: number;
    rulesRun: number;
}

/** The rule selector: PMD's Recommended rules for Apex, as Salesforce Code Analyzer runs them. */
export const PMD_RULE_SELECTOR = 'pmd:Recommended:apex';

const PROCESSING_ERROR = /processing error for file '([^']+)'/;

/**
 * Runs PMD through Salesforce Code Analyzer's core library. A file PMD cannot parse shows up as
 * zero violations plus an error-level engine log event: that event is turned into a finding,
 * so an unparsable file fails instead of passing.
 */
export async function runPmd(
    files: string[],
    rel: (file: string) => string
): Promise<PmdReport> {
    if (files.length === 0) {
        return { findings: [], lowerSeverityCount: 0, rulesRun: 0 };
    }
    // The engine starts three short JVMs (java -version, describe, run): C1 only and the serial
    // collector halve their start-up here (measured in scripts/bench/validate.ts). A user's own
    // JAVA_TOOL_OPTIONS wins.
    const previousOptions = process.env.JAVA_TOOL_OPTIONS;
    process.env.JAVA_TOOL_OPTIONS ??= FAST_START_JVM_OPTIONS;
    try {
        return await analyze(files, rel);
    } finally {
        if (previousOptions === undefined) {
            delete process.env.JAVA_TOOL_OPTIONS;
        }
    }
}

/** JVM options for short runs: the C1 compiler only, the serial garbage collector. */
export const FAST_START_JVM_OPTIONS =
    '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

async function analyze(
    files: string[],
    rel: (file: string) => string
): Promise<PmdReport> {
    const analyzer = new CodeAnalyzer(CodeAnalyzerConfig.withDefaults());
    const findings: Finding[] = [];
    const engineErrors: string[] = [];
    analyzer.onEvent(EventType.EngineLogEvent, (event: EngineLogEvent) => {
        if (event.logLevel === LogLevel.Error) {
            engineErrors.push(event.message);
        }
    });
    await analyzer.addEnginePlugin(createEnginePlugin());
    const workspace = await analyzer.createWorkspace(files);
    const selection = await analyzer.selectRules([PMD_RULE_SELECTOR], {
        workspace
    });
    const results = await analyzer.run(selection, { workspace });
    let lowerSeverityCount = 0;
    for (const violation of results.getViolations()) {
        const rule = violation.getRule();
        const severity = rule.getSeverityLevel();
        if (severity > SeverityLevel.High) {
            lowerSeverityCount++;
            continue;
        }
        const location = violation.getPrimaryLocation();
        findings.push({
            file: rel(location.getFile() ?? '.'),
            line: location.getStartLine(),
            element: rule.getName(),
            message: `PMD severity ${severity} (${SeverityLevel[severity]}): ${violation.getMessage().trim()}`,
            rule: 'apex-pmd'
        });
    }
    for (const message of engineErrors) {
        const file = PROCESSING_ERROR.exec(message)?.[1];
        findings.push({
            file: file ? rel(path.resolve(file)) : '(pmd)',
            message: `PMD could not process the file, so it was not analysed: ${message.split('\n').slice(0, 3).join(' ').trim()}`,
            rule: 'apex-pmd-processing-error'
        });
    }
    return { findings, lowerSeverityCount, rulesRun: selection.getCount() };
}
