/** One defect found by a validator: where it is and why it is wrong. */
export interface Finding {
    /** Path relative to the project root, with forward slashes. */
    file: string;
    /** 1-based line, when known. */
    line?: number;
    /** The element, component or rule target the finding is about (e.g. `objectPermissions/allowReed`). */
    element?: string;
    /** What is wrong, in words an admin can act on. */
    message: string;
    /** Short id of the check that produced it (e.g. `xml-well-formed`). */
    rule: string;
}

export function formatFinding(finding: Finding): string {
    const where =
        finding.line === undefined
            ? finding.file
            : `${finding.file}:${finding.line}`;
    const element = finding.element ? ` <${finding.element}>` : '';
    return `${where}${element}: ${finding.message} [${finding.rule}]`;
}

/** Stable order: by file, then line, then rule. */
export function sortFindings(findings: Finding[]): Finding[] {
    return [...findings].sort(
        (a, b) =>
            a.file.localeCompare(b.file) ||
            (a.line ?? 0) - (b.line ?? 0) ||
            a.rule.localeCompare(b.rule) ||
            a.message.localeCompare(b.message)
    );
}

/** Findings one a line (each ending with a newline). */
export function formatFindings(findings: Finding[]): string {
    return findings.map((finding) => `${formatFinding(finding)}\n`).join('');
}
