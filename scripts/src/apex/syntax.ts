import { readFileSync } from 'node:fs';
import {
    ApexErrorListener,
    ApexParserFactory
} from '@apexdevtools/apex-parser';
import type { Finding } from '../lib/findings';

class CollectingListener extends ApexErrorListener {
    readonly errors: { line: number; column: number; message: string }[] = [];

    apexSyntaxError(line: number, column: number, message: string): void {
        this.errors.push({ line, column, message });
    }
}

/** Parses each `.cls` / `.trigger` with the Apex grammar; every syntax error is a finding. */
export function checkApexSyntax(
    files: string[],
    rel: (file: string) => string
): Finding[] {
    const findings: Finding[] = [];
    for (const file of files) {
        const listener = new CollectingListener();
        const { parser } = ApexParserFactory.createLexerAndParser(
            readFileSync(file, 'utf8'),
            listener
        );
        if (file.endsWith('.trigger')) {
            parser.triggerUnit();
        } else {
            parser.compilationUnit();
        }
        for (const error of listener.errors) {
            findings.push({
                file: rel(file),
                line: error.line,
                message: `Apex syntax error at column ${error.column + 1}: ${error.message}`,
                rule: 'apex-syntax'
            });
        }
    }
    return findings;
}
