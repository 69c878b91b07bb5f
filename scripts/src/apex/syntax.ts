import type { Finding } from '../lib/findings';
import { parseApexFiles, type ParsedApex } from './parse';

/** Every syntax error the Apex grammar (@apexdevtools/apex-parser) reports is a finding. */
export function syntaxFindings(
    parsed: ParsedApex,
    rel: (file: string) => string
): Finding[] {
    return parsed.files.flatMap(({ file, syntaxErrors }) =>
        syntaxErrors.map((error) => ({
            file: rel(file),
            line: error.line,
            message: `Apex syntax error at column ${error.column + 1}: ${error.message}`,
            rule: 'apex-syntax'
        }))
    );
}

/** Parses each `.cls` / `.trigger` with the Apex grammar; every syntax error is a finding. */
export function checkApexSyntax(
    files: string[],
    rel: (file: string) => string
): Finding[] {
    return syntaxFindings(parseApexFiles(files), rel);
}
