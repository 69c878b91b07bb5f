import { nearestNames } from '../../../src/lib/nearest';
import type { SfCatalog, SfCommand, SfFlag } from './sf-manifest';
import type { ShellWord } from './shell-words';

/**
 * Checks one `sf …` command line against the pinned CLI's command metadata, the way oclif's
 * parser reads argv: the command id (or an alias or word-order permutation), then `--flag value`,
 * `--flag=value`, `-f value`, `-fvalue`, grouped boolean short flags, `--no-<flag>` for negatable
 * booleans, greedy multiple-value flags, `--` ending the flags, and positional arguments.
 */

export interface SfIssue {
    severity: 'error' | 'warning';
    rule: string;
    message: string;
    /** Offset of the word the issue is about (in the scanned text). */
    offset: number;
}

export interface SfCommandCheck {
    /** Canonical command id (`org:create:scratch`), when it resolved. */
    commandId?: string;
    /** Canonical names of the flags given. */
    flags: string[];
    issues: SfIssue[];
}

const NO_COMMAND_FLAGS = new Set(['--version', '-v', '--help', '-h']);

function display(id: string): string {
    return id.replace(/:/g, ' ');
}

function resolveCommand(
    catalog: SfCatalog,
    words: ShellWord[]
):
    | {
          command: SfCommand;
          used: number;
          deprecatedAlias: boolean;
          spelling: string;
      }
    | undefined {
    const leading: string[] = [];
    for (const word of words) {
        if (word.value.startsWith('-') || !word.literal) {
            break;
        }
        leading.push(word.value);
    }
    for (let used = leading.length; used > 0; used--) {
        const spelling = leading.slice(0, used).join(':');
        const match = catalog.lookup.get(spelling);
        if (match) {
            return {
                command: match.command,
                used,
                deprecatedAlias: match.deprecatedAlias,
                spelling
            };
        }
    }
    return undefined;
}

function flagLookup(command: SfCommand): {
    long: Map<string, { flag: SfFlag; alias: boolean }>;
    short: Map<string, { flag: SfFlag; alias: boolean }>;
} {
    const long = new Map<string, { flag: SfFlag; alias: boolean }>();
    const short = new Map<string, { flag: SfFlag; alias: boolean }>();
    for (const flag of command.flags.values()) {
        long.set(flag.name, { flag, alias: false });
        if (flag.char) {
            short.set(flag.char, { flag, alias: false });
        }
    }
    for (const flag of command.flags.values()) {
        for (const alias of [...flag.aliases, ...flag.charAliases]) {
            if (alias.length === 1) {
                if (!short.has(alias)) {
                    short.set(alias, { flag, alias: true });
                }
            } else if (!long.has(alias)) {
                long.set(alias, { flag, alias: true });
            }
            // oclif also looks char aliases up as long names and the reverse.
            if (!long.has(alias)) {
                long.set(alias, { flag, alias: true });
            }
        }
    }
    return { long, short };
}

export function checkSfCommand(
    catalog: SfCatalog,
    args: ShellWord[],
    /** Offset of the `sf` word itself, for issues about the command. */
    offset: number
): SfCommandCheck {
    const issues: SfIssue[] = [];
    const issue = (
        severity: SfIssue['severity'],
        rule: string,
        message: string,
        at: number
    ): void => {
        issues.push({ severity, rule, message, offset: at });
    };
    if (args.length === 0 || (args[0] && NO_COMMAND_FLAGS.has(args[0].value))) {
        return { flags: [], issues };
    }
    const resolved = resolveCommand(catalog, args);
    if (!resolved) {
        const leading: string[] = [];
        for (const word of args) {
            if (word.value.startsWith('-')) {
                break;
            }
            leading.push(word.value);
        }
        const typed = leading.join(' ');
        // `sf <topic> --help` lists a topic's commands (oclif topic help): fine when some command
        // id starts with the typed words and nothing but a help flag follows them.
        const topic = leading.join(':');
        const rest = args.slice(leading.length).map((word) => word.value);
        if (
            leading.length > 0 &&
            rest.length > 0 &&
            rest.every(
                (value) => catalog.helpFlags.includes(value) || value === '-h'
            ) &&
            [...catalog.commands.keys()].some((id) =>
                id.startsWith(`${topic}:`)
            )
        ) {
            return { flags: [], issues };
        }
        const suggestion = nearestNames(
            typed,
            [...catalog.commands.keys()].map(display),
            1
        )[0];
        issue(
            'error',
            'sf-unknown-command',
            `sf ${typed}: no such command in sf ${catalog.cliVersion}${suggestion ? ` (did you mean sf ${suggestion}?)` : ''}`,
            args[0]?.offset ?? offset
        );
        return { flags: [], issues };
    }
    const { command } = resolved;
    const commandAt = args[0]?.offset ?? offset;
    const name = `sf ${display(command.id)}`;
    if (resolved.deprecatedAlias) {
        issue(
            'warning',
            'sf-deprecated-alias',
            `sf ${display(resolved.spelling)} is a deprecated alias of ${name}`,
            commandAt
        );
    }
    if (command.deprecated) {
        issue(
            'warning',
            'sf-deprecated-command',
            `${name} is deprecated`,
            commandAt
        );
    }
    if (command.pluginType === 'jit') {
        issue(
            'warning',
            'sf-jit-plugin',
            `${name} comes from ${command.pluginName}, a just-in-time plugin the CLI installs on first use (not pinned by package.json)`,
            commandAt
        );
    }
    const { long, short } = flagLookup(command);
    const given: { flag: SfFlag; offset: number }[] = [];
    const positional: ShellWord[] = [];
    let current: SfFlag | undefined;
    const rest = args.slice(resolved.used);
    const isFlagWord = (word: ShellWord | undefined): boolean =>
        word !== undefined &&
        word.value.startsWith('-') &&
        word.value !== '-' &&
        findFlag(word.value) !== undefined;

    function findFlag(
        text: string
    ): { flag: SfFlag; alias: boolean } | undefined {
        if (text.startsWith('--')) {
            const longName = text.slice(2);
            const direct = long.get(longName);
            if (direct) {
                return direct;
            }
            if (longName.startsWith('no-')) {
                const negated = long.get(longName.slice(3));
                if (
                    negated &&
                    negated.flag.type === 'boolean' &&
                    negated.flag.allowNo
                ) {
                    return negated;
                }
            }
            return undefined;
        }
        return short.get(text.slice(1, 2));
    }

    const checkValue = (flag: SfFlag, value: ShellWord): void => {
        if (
            flag.options &&
            value.literal &&
            !flag.options.includes(value.value)
        ) {
            issue(
                'error',
                'sf-flag-value',
                `${name} --${flag.name} expects one of ${flag.options.join(', ')}, got "${value.value}"`,
                value.offset
            );
        }
    };

    let flagsDone = false;
    for (let i = 0; i < rest.length; i++) {
        const word = rest[i];
        if (!word) {
            continue;
        }
        const text = word.value;
        if (!flagsDone && text === '--') {
            flagsDone = true;
            current = undefined;
            continue;
        }
        if (
            !flagsDone &&
            text.startsWith('-') &&
            text !== '-' &&
            !/^-\d/.test(text)
        ) {
            if (catalog.helpFlags.includes(text)) {
                continue;
            }
            let flagText = text;
            let inline: ShellWord | undefined;
            let found = findFlag(text);
            if (!found && text.includes('=')) {
                const at = text.indexOf('=');
                flagText = text.slice(0, at);
                found = findFlag(flagText);
                inline = {
                    value: text.slice(at + 1),
                    offset: word.offset,
                    literal: word.literal
                };
            }
            if (!found) {
                const suggestions = nearestNames(flagText.replace(/^-+/, ''), [
                    ...command.flags.keys()
                ]);
                issue(
                    'error',
                    'sf-unknown-flag',
                    `${name} has no flag ${flagText}${suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `--${s}`).join(', ')}?)` : ''}`,
                    word.offset
                );
                current = undefined;
                // Its value, if it had one, is not a positional argument: one finding per mistake.
                const next = rest[i + 1];
                if (!inline && next && !next.value.startsWith('-')) {
                    i++;
                }
                continue;
            }
            const { flag, alias } = found;
            const isLong = flagText.startsWith('--');
            if (alias && flag.deprecateAliases) {
                issue(
                    'warning',
                    'sf-deprecated-alias',
                    `${flagText} is a deprecated alias of ${name} --${flag.name}`,
                    word.offset
                );
            }
            if (flag.deprecated) {
                issue(
                    'warning',
                    'sf-deprecated-flag',
                    `${name} --${flag.name} is deprecated`,
                    word.offset
                );
            }
            if (flag.type === 'boolean') {
                if (inline) {
                    issue(
                        'error',
                        'sf-flag-value',
                        `${name} --${flag.name} is a boolean flag and takes no value ("${text}")`,
                        word.offset
                    );
                }
                given.push({ flag, offset: word.offset });
                // Grouped short booleans: -cd is -c -d.
                if (!isLong && !inline && text.length > 2) {
                    for (const char of text.slice(2)) {
                        const grouped = short.get(char);
                        if (!grouped) {
                            issue(
                                'error',
                                'sf-unknown-flag',
                                `${name} has no flag -${char} (in ${text})`,
                                word.offset
                            );
                        } else if (grouped.flag.type !== 'boolean') {
                            issue(
                                'error',
                                'sf-flag-value',
                                `${name} -${char} (--${grouped.flag.name}) takes a value and cannot be grouped in ${text}`,
                                word.offset
                            );
                        } else {
                            given.push({
                                flag: grouped.flag,
                                offset: word.offset
                            });
                        }
                    }
                }
                current = undefined;
                continue;
            }
            if (!flag.multiple && given.some((g) => g.flag === flag)) {
                issue(
                    'error',
                    'sf-flag-repeated',
                    `${name} --${flag.name} can only be given once`,
                    word.offset
                );
            }
            given.push({ flag, offset: word.offset });
            let value = inline;
            if (!value && !isLong && text.length > 2) {
                const attached = text.slice(text[2] === '=' ? 3 : 2);
                value = {
                    value: attached,
                    offset: word.offset,
                    literal: word.literal
                };
            }
            if (!value) {
                const next = rest[i + 1];
                if (
                    next === undefined ||
                    isFlagWord(next) ||
                    next.value === '--'
                ) {
                    issue(
                        'error',
                        'sf-flag-value',
                        `${name} --${flag.name} expects a value${flag.options ? ` (one of ${flag.options.join(', ')})` : ''}`,
                        word.offset
                    );
                    current = undefined;
                    continue;
                }
                value = next;
                i++;
            }
            checkValue(flag, value);
            current =
                flag.multiple && !flag.multipleNonGreedy ? flag : undefined;
            continue;
        }
        if (!flagsDone && current) {
            checkValue(current, word);
            continue;
        }
        positional.push(word);
    }
    if (
        command.strict &&
        command.maxArgs !== undefined &&
        positional.length > command.maxArgs
    ) {
        const extra = positional.slice(command.maxArgs);
        issue(
            'error',
            'sf-unexpected-argument',
            `${name} takes ${command.maxArgs === 0 ? 'no' : `at most ${command.maxArgs}`} positional argument${command.maxArgs === 1 ? '' : 's'}; unexpected: ${extra.map((word) => word.value).join(' ')}`,
            extra[0]?.offset ?? commandAt
        );
    }
    const names = new Set(given.map((g) => g.flag.name));
    const clashes = new Set<string>();
    for (const { flag, offset: at } of given) {
        for (const other of flag.exclusive.filter((o) => names.has(o))) {
            const pair = [flag.name, other].sort().join(' ');
            if (!clashes.has(pair)) {
                clashes.add(pair);
                issue(
                    'error',
                    'sf-flag-exclusive',
                    `${name} --${flag.name} cannot be used with --${other}`,
                    at
                );
            }
        }
    }
    return { commandId: command.id, flags: [...names].sort(), issues };
}
