/**
 * A small POSIX-shell tokenizer, enough to find command lines in CI scripts and README code
 * blocks: quotes, backslash escapes and line continuations, `$VAR` / `$(…)` / `${…}` /
 * GitHub's `${{ … }}` expressions inside words, comments, control operators and redirections.
 * It does not expand anything: a word that holds an expansion is marked `literal: false`.
 */

export interface ShellWord {
    /** The word with quotes and escapes removed (expansions kept as written). */
    value: string;
    /** Offset of the word's first character in the text. */
    offset: number;
    /** False when the word holds an expansion or a placeholder: its value is not known. */
    literal: boolean;
}

export type ShellToken =
    | { type: 'word'; word: ShellWord }
    /** `\n`, `;`, `&&`, `||`, `|`, `|&`, `&`, `(`, `)`. */
    | { type: 'control'; op: string; offset: number }
    /** A redirection; `target` says whether the next word is its file. */
    | { type: 'redirect'; op: string; offset: number; target: boolean };

export class ShellSyntaxError extends Error {
    constructor(
        message: string,
        readonly offset: number
    ) {
        super(message);
        this.name = 'ShellSyntaxError';
    }
}

export interface TokenizeOptions {
    /** Treat `<name>` as a placeholder word (documentation), not as a redirection. */
    placeholders?: boolean;
}

const CONTROL = ['&&', '||', '|&', ';;', '|', ';', '&', '(', ')'];
const PLACEHOLDER = /^<[A-Za-z][^<>\n]*>/;

/** The end (exclusive) of a balanced `open … close` group starting at `start` (the opener). */
function balancedEnd(
    text: string,
    start: number,
    open: string,
    close: string
): number {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
        const char = text[i];
        if (char === '\\') {
            i++;
        } else if (char === "'" && open === '(') {
            const end = text.indexOf("'", i + 1);
            if (end === -1) {
                break;
            }
            i = end;
        } else if (char === open) {
            depth++;
        } else if (char === close) {
            depth--;
            if (depth === 0) {
                return i + 1;
            }
        }
    }
    throw new ShellSyntaxError(`unterminated ${open}…${close}`, start);
}

/** At a `$`: the end of the expansion that starts there, or undefined for a lone `$`. */
function expansionEnd(text: string, i: number): number | undefined {
    if (text.startsWith('${{', i)) {
        const end = text.indexOf('}}', i + 3);
        if (end === -1) {
            throw new ShellSyntaxError('unterminated ${{ … }} expression', i);
        }
        return end + 2;
    }
    const next = text[i + 1];
    if (next === '(') {
        return balancedEnd(text, i + 1, '(', ')');
    }
    if (next === '{') {
        return balancedEnd(text, i + 1, '{', '}');
    }
    const name = /^[A-Za-z_]\w*|^[0-9?@#*!$-]/.exec(text.slice(i + 1));
    return name ? i + 1 + name[0].length : undefined;
}

export function tokenize(
    text: string,
    options: TokenizeOptions = {}
): ShellToken[] {
    const tokens: ShellToken[] = [];
    let value = '';
    let start = -1;
    let literal = true;
    const inWord = (): boolean => start !== -1;
    const begin = (at: number): void => {
        if (!inWord()) {
            start = at;
        }
    };
    const end = (): void => {
        if (inWord()) {
            tokens.push({
                type: 'word',
                word: { value, offset: start, literal }
            });
        }
        value = '';
        start = -1;
        literal = true;
    };
    let i = 0;
    while (i < text.length) {
        const char = text[i] ?? '';
        if (char === '\\') {
            if (text[i + 1] === '\n') {
                i += 2;
                continue;
            }
            begin(i);
            value += text[i + 1] ?? '';
            i += 2;
            continue;
        }
        if (char === ' ' || char === '\t' || char === '\r') {
            end();
            i++;
            continue;
        }
        if (char === '\n') {
            end();
            tokens.push({ type: 'control', op: '\n', offset: i });
            i++;
            continue;
        }
        if (char === '#' && !inWord()) {
            const newline = text.indexOf('\n', i);
            i = newline === -1 ? text.length : newline;
            continue;
        }
        if (char === "'") {
            const close = text.indexOf("'", i + 1);
            if (close === -1) {
                throw new ShellSyntaxError('unterminated single quote', i);
            }
            begin(i);
            value += text.slice(i + 1, close);
            i = close + 1;
            continue;
        }
        if (char === '"') {
            begin(i);
            i++;
            for (;;) {
                const inner = text[i];
                if (inner === undefined) {
                    throw new ShellSyntaxError(
                        'unterminated double quote',
                        start
                    );
                }
                if (inner === '"') {
                    i++;
                    break;
                }
                if (inner === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
                    value += text[i + 1] === '\n' ? '' : (text[i + 1] ?? '');
                    i += 2;
                } else if (
                    inner === '$' &&
                    expansionEnd(text, i) !== undefined
                ) {
                    const close = expansionEnd(text, i) ?? i + 1;
                    value += text.slice(i, close);
                    literal = false;
                    i = close;
                } else if (inner === '`') {
                    const close = text.indexOf('`', i + 1);
                    if (close === -1) {
                        throw new ShellSyntaxError('unterminated backquote', i);
                    }
                    value += text.slice(i, close + 1);
                    literal = false;
                    i = close + 1;
                } else {
                    value += inner;
                    i++;
                }
            }
            continue;
        }
        if (char === '$') {
            const close = expansionEnd(text, i);
            begin(i);
            if (close === undefined) {
                value += char;
                i++;
            } else {
                value += text.slice(i, close);
                literal = false;
                i = close;
            }
            continue;
        }
        if (char === '`') {
            const close = text.indexOf('`', i + 1);
            if (close === -1) {
                throw new ShellSyntaxError('unterminated backquote', i);
            }
            begin(i);
            value += text.slice(i, close + 1);
            literal = false;
            i = close + 1;
            continue;
        }
        if (char === '<' && options.placeholders) {
            const placeholder = PLACEHOLDER.exec(text.slice(i));
            if (placeholder) {
                begin(i);
                value += placeholder[0];
                literal = false;
                i += placeholder[0].length;
                continue;
            }
        }
        const isRedirect =
            char === '<' || char === '>' || text.startsWith('&>', i);
        if (isRedirect) {
            // A word of digits right before `<` / `>` is the file descriptor, not an argument.
            if (inWord() && /^\d+$/.test(value) && literal) {
                value = '';
                start = -1;
            } else {
                end();
            }
            const op =
                /^(&>>|&>|>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/.exec(
                    text.slice(i)
                )?.[0] ?? char;
            if (op.startsWith('<<') && op !== '<<<') {
                throw new ShellSyntaxError(
                    'here-documents are not supported',
                    i
                );
            }
            let next = i + op.length;
            let target = true;
            if (op === '>&' || op === '<&') {
                const fd = /^(\d+|-)/.exec(text.slice(next));
                if (fd) {
                    next += fd[0].length;
                    target = false;
                }
            }
            tokens.push({ type: 'redirect', op, offset: i, target });
            i = next;
            continue;
        }
        const control = CONTROL.find((op) => text.startsWith(op, i));
        if (control) {
            end();
            tokens.push({ type: 'control', op: control, offset: i });
            i += control.length;
            continue;
        }
        begin(i);
        value += char;
        i++;
    }
    end();
    return tokens;
}

/** A simple command: its words, redirections and their targets removed. */
export interface SimpleCommand {
    words: ShellWord[];
}

const LEADING_KEYWORDS = new Set([
    'if',
    'then',
    'else',
    'elif',
    'while',
    'until',
    'do',
    '!',
    'time',
    '{'
]);
const CLOSING_KEYWORDS = new Set(['fi', 'done', 'esac', '}']);

/** Splits tokens into simple commands at control operators; drops shell keywords. */
export function simpleCommands(tokens: ShellToken[]): SimpleCommand[] {
    const commands: SimpleCommand[] = [];
    let words: ShellWord[] = [];
    let dropNext = false;
    const flush = (): void => {
        while (words[0] && LEADING_KEYWORDS.has(words[0].value)) {
            words.shift();
        }
        const first = words[0]?.value;
        if (
            words.length > 0 &&
            first !== undefined &&
            !CLOSING_KEYWORDS.has(first) &&
            !['for', 'case', 'function', 'select'].includes(first)
        ) {
            commands.push({ words });
        }
        words = [];
    };
    for (const token of tokens) {
        if (token.type === 'control') {
            flush();
            dropNext = false;
        } else if (token.type === 'redirect') {
            dropNext = token.target;
        } else if (dropNext) {
            dropNext = false;
        } else {
            words.push(token.word);
        }
    }
    flush();
    return commands;
}
