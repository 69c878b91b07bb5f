import path from 'node:path';
import {
    type Document,
    LineCounter,
    type Scalar,
    isScalar,
    parseDocument,
    visit
} from 'yaml';
import {
    type ShellWord,
    ShellSyntaxError,
    type SimpleCommand,
    type TokenizeOptions,
    simpleCommands,
    tokenize
} from './shell-words';

/**
 * Finding `sf …` and `npm run …` command lines in shell scripts, in a GitHub Actions workflow's
 * `run:` steps and in a Markdown file's code blocks, each with the line it is on.
 */

export interface Invocation {
    /** `sf` (the pinned CLI), `sfdx` (the retired one), or an npm script. */
    kind: 'sf' | 'sfdx' | 'npm-script';
    /** The executable word (`sf`, `npm`). */
    tool: ShellWord;
    /** For sf: the words after `sf`. For npm: the words after the script name. */
    args: ShellWord[];
    /** The npm script name (`test` for `npm test`). */
    script?: string;
}

export interface ScannedCommand {
    invocation: Invocation;
    /** 1-based line of the executable word. */
    line: number;
    /** 1-based line of any offset in the scanned text. */
    lineAt: (offset: number) => number;
    /** The command as written (words joined by spaces), for messages. */
    text: string;
}

export interface ScanProblem {
    line: number;
    message: string;
}

export interface ScanResult {
    commands: ScannedCommand[];
    problems: ScanProblem[];
}

const ASSIGNMENT = /^[A-Za-z_]\w*=/;
const PASS_THROUGH = new Set(['env', 'command', 'exec', 'time', 'nohup']);
const NPM_RUN = new Set(['run', 'run-script', 'rum', 'urn']);
const NPM_LIFECYCLE: Record<string, string> = {
    test: 'test',
    t: 'test',
    tst: 'test',
    start: 'start',
    stop: 'stop',
    restart: 'restart'
};
/** npm / npx options that take a separate value. */
const NPM_VALUE_OPTIONS = new Set([
    '-w',
    '--workspace',
    '-p',
    '--package',
    '-c',
    '--call',
    '--prefix'
]);

function basename(word: ShellWord | undefined): string | undefined {
    return word ? path.posix.basename(word.value) : undefined;
}

/** Index of the first word at or after `from` that is not an option (skipping option values). */
function skipOptions(words: ShellWord[], from: number): number {
    let i = from;
    while (i < words.length) {
        const value = words[i]?.value ?? '';
        if (value === '--') {
            return i + 1;
        }
        if (!value.startsWith('-')) {
            return i;
        }
        i += NPM_VALUE_OPTIONS.has(value) ? 2 : 1;
    }
    return i;
}

/** The sf or npm-script invocation a simple command makes, if any (through npx / npm exec). */
export function findInvocation(command: SimpleCommand): Invocation | undefined {
    const words = command.words;
    let i = 0;
    while (
        i < words.length &&
        (ASSIGNMENT.test(words[i]?.value ?? '') ||
            PASS_THROUGH.has(words[i]?.value ?? ''))
    ) {
        i++;
    }
    let name = basename(words[i]);
    if (name === 'npx') {
        i = skipOptions(words, i + 1);
        name = basename(words[i]);
    } else if (
        name === 'npm' &&
        (words[i + 1]?.value === 'exec' || words[i + 1]?.value === 'x')
    ) {
        i = skipOptions(words, i + 2);
        name = basename(words[i]);
    }
    const tool = words[i];
    if (!tool) {
        return undefined;
    }
    if (name === 'sf' || name === 'sfdx') {
        return { kind: name, tool, args: words.slice(i + 1) };
    }
    if (name !== 'npm') {
        return undefined;
    }
    const sub = skipOptions(words, i + 1);
    const subcommand = words[sub]?.value ?? '';
    if (NPM_RUN.has(subcommand)) {
        const at = skipOptions(words, sub + 1);
        const script = words[at];
        return script
            ? {
                  kind: 'npm-script',
                  tool,
                  script: script.value,
                  args: words.slice(at + 1)
              }
            : undefined;
    }
    const lifecycle = NPM_LIFECYCLE[subcommand];
    return lifecycle
        ? {
              kind: 'npm-script',
              tool,
              script: lifecycle,
              args: words.slice(sub + 1)
          }
        : undefined;
}

/** A function from an offset in `text` to a 1-based line, the text's first line being `firstLine`. */
export function lineMapper(
    text: string,
    firstLine = 1
): (offset: number) => number {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n') {
            starts.push(i + 1);
        }
    }
    return (offset: number): number => {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const mid = Math.ceil((low + high) / 2);
            if ((starts[mid] ?? 0) <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return firstLine + low;
    };
}

function scanText(
    text: string,
    lineAt: (offset: number) => number,
    options: TokenizeOptions,
    result: ScanResult
): void {
    for (const command of simpleCommands(tokenize(text, options))) {
        const invocation = findInvocation(command);
        if (invocation) {
            result.commands.push({
                invocation,
                line: lineAt(invocation.tool.offset),
                lineAt,
                text: command.words.map((word) => word.value).join(' ')
            });
        }
    }
}

/** Every sf / npm invocation in a shell script whose first line is `firstLine`. */
export function scanShell(text: string, firstLine = 1): ScanResult {
    const result: ScanResult = { commands: [], problems: [] };
    const lineAt = lineMapper(text, firstLine);
    try {
        scanText(text, lineAt, {}, result);
    } catch (error) {
        if (!(error instanceof ShellSyntaxError)) {
            throw error;
        }
        result.problems.push({
            line: lineAt(error.offset),
            message: `shell syntax: ${error.message}`
        });
    }
    return result;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SF_LINE = /^\s*sf\s/;

/** Scans one documentation command line; lines that are not shell are ignored unless they start with sf. */
function scanDocLine(
    text: string,
    firstLine: number,
    result: ScanResult
): void {
    const lineAt = lineMapper(text, firstLine);
    try {
        scanText(text, lineAt, { placeholders: true }, result);
    } catch (error) {
        if (!(error instanceof ShellSyntaxError)) {
            throw error;
        }
        if (SF_LINE.test(text)) {
            result.problems.push({
                line: lineAt(error.offset),
                message: `shell syntax: ${error.message}`
            });
        }
    }
}

/**
 * sf invocations in a Markdown file: every command line in fenced code blocks (joined over
 * trailing-backslash continuations, comments skipped) and inline code spans that start with `sf `.
 * `<placeholder>` words stand for values.
 */
export function scanMarkdown(text: string): ScanResult {
    const result: ScanResult = { commands: [], problems: [] };
    const lines = text.split('\n');
    let fence: string | undefined;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        const marker = FENCE.exec(line)?.[1];
        if (fence === undefined) {
            if (marker) {
                fence = marker;
                continue;
            }
            for (const span of line.matchAll(/(`+)([^`]+?)\1(?!`)/g)) {
                const code = span[2] ?? '';
                if (/^sf\s+\S/.test(code)) {
                    scanDocLine(code, i + 1, result);
                }
            }
            continue;
        }
        if (
            marker &&
            marker[0] === fence[0] &&
            marker.length >= fence.length &&
            line.trim() === marker
        ) {
            fence = undefined;
            continue;
        }
        if (line.trimStart().startsWith('#')) {
            continue;
        }
        const first = i;
        const logical = [line];
        while (/\\\s*$/.test(lines[i] ?? '') && i + 1 < lines.length) {
            i++;
            logical.push(lines[i] ?? '');
        }
        scanDocLine(
            logical.map((part) => part.replace(/\\\s+$/, '\\')).join('\n'),
            first + 1,
            result
        );
    }
    return result;
}

/** sf command lines inside a sentence: from each `sf ` to the end of its line. */
export function scanProse(text: string, firstLine = 1): ScanResult {
    const result: ScanResult = { commands: [], problems: [] };
    text.split('\n').forEach((line, index) => {
        const at = line.search(/(^|\s)sf\s/);
        if (at !== -1) {
            scanDocLine(line.slice(at).trim(), firstLine + index, result);
        }
    });
    return result;
}

export interface WorkflowScan extends ScanResult {
    document: Document;
    /** `uses:` values with their lines. */
    uses: { value: string; line: number }[];
}

/** sf / npm invocations in a GitHub Actions workflow's `run:` scripts, and its `uses:` values. */
export function scanWorkflow(text: string): WorkflowScan {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter });
    const scan: WorkflowScan = {
        commands: [],
        problems: document.errors.map((error) => ({
            line: error.linePos?.[0].line ?? 1,
            message: `YAML: ${error.message.split('\n')[0] ?? error.message}`
        })),
        document,
        uses: []
    };
    if (document.errors.length > 0) {
        return scan;
    }
    const lineOf = (node: Scalar): number =>
        lineCounter.linePos(node.range?.[0] ?? 0).line;
    visit(document, {
        Pair(_, pair) {
            if (!isScalar(pair.key) || !isScalar(pair.value)) {
                return;
            }
            const key = String(pair.key.value);
            const value = pair.value;
            if (key === 'uses') {
                scan.uses.push({
                    value: String(value.value),
                    line: lineOf(value)
                });
            }
            if (key !== 'run') {
                return;
            }
            const script = String(value.value);
            // A literal block's content starts on the line after its `|` header, line for line.
            const literal = value.type === 'BLOCK_LITERAL';
            const found = scanShell(
                script,
                literal ? lineOf(value) + 1 : lineOf(value)
            );
            if (!literal && script.includes('\n')) {
                const line = lineOf(value);
                for (const command of found.commands) {
                    command.line = line;
                    command.lineAt = () => line;
                }
            }
            scan.commands.push(...found.commands);
            scan.problems.push(...found.problems);
        }
    });
    return scan;
}
