import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isObject } from '../../../src/scratch/sf-json';

/**
 * The pinned sf CLI's commands and flags, read offline from oclif manifests: the CLI's own
 * `oclif.manifest.json` (which also lists the just-in-time plugins' commands) and, for every plugin
 * in its `package.json` `oclif.plugins`, that plugin's `oclif.manifest.json`; plus this kit's own
 * `sf casekit` plugin (scripts/plugin/casekit.manifest.json) when the project has it.
 */

export interface SfFlag {
    name: string;
    char?: string;
    aliases: string[];
    charAliases: string[];
    type: 'boolean' | 'option';
    allowNo: boolean;
    multiple: boolean;
    multipleNonGreedy: boolean;
    options?: string[];
    exclusive: string[];
    /** Using one of `aliases` / `charAliases` prints a deprecation warning. */
    deprecateAliases: boolean;
    deprecated: boolean;
}

export interface SfCommand {
    id: string;
    pluginName: string;
    /** `core` / `user` / `jit` (installed on first use, not with the CLI). */
    pluginType: string;
    strict: boolean;
    /** Number of positional arguments; undefined when one is variadic. */
    maxArgs: number | undefined;
    flags: Map<string, SfFlag>;
    deprecated: boolean;
}

/** How a command id was typed: its id, a word-order permutation, or an alias. */
export interface SfCommandMatch {
    command: SfCommand;
    via: 'id' | 'permutation' | 'alias';
    /** The alias is deprecated (sf prints a warning). */
    deprecatedAlias: boolean;
}

export interface SfCatalog {
    cliVersion: string;
    /** Canonical ids (`org:create:scratch`). */
    commands: Map<string, SfCommand>;
    /** Every accepted spelling → its command. */
    lookup: Map<string, SfCommandMatch>;
    /** Flags accepted by every command (`-h`, `--help`). */
    helpFlags: string[];
}

function strings(value: unknown): string[] {
    return Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string')
        : [];
}

function readJson(file: string): unknown {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Finds an installed package the way Node would from `fromDir` (nested first, then hoisted). */
export function findPackageDir(
    name: string,
    fromDir: string
): string | undefined {
    let dir = fromDir;
    for (;;) {
        const candidate = path.join(dir, 'node_modules', name);
        if (existsSync(path.join(candidate, 'package.json'))) {
            return candidate;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            return undefined;
        }
        dir = parent;
    }
}

function toFlag(name: string, raw: unknown): SfFlag {
    const flag = isObject(raw) ? raw : {};
    const options = strings(flag.options);
    return {
        name,
        ...(typeof flag.char === 'string' ? { char: flag.char } : {}),
        aliases: strings(flag.aliases),
        charAliases: strings(flag.charAliases),
        type: flag.type === 'boolean' ? 'boolean' : 'option',
        allowNo: flag.allowNo === true,
        multiple: flag.multiple === true,
        multipleNonGreedy: flag.multipleNonGreedy === true,
        ...(options.length > 0 ? { options } : {}),
        exclusive: strings(flag.exclusive),
        deprecateAliases: flag.deprecateAliases === true,
        deprecated: flag.deprecated !== undefined && flag.deprecated !== false
    };
}

function toCommand(id: string, raw: unknown): SfCommand {
    const command = isObject(raw) ? raw : {};
    const flags = new Map<string, SfFlag>();
    if (isObject(command.flags)) {
        for (const [name, flag] of Object.entries(command.flags)) {
            flags.set(name, toFlag(name, flag));
        }
    }
    const args = isObject(command.args) ? Object.values(command.args) : [];
    const variadic = args.some((arg) => isObject(arg) && arg.multiple === true);
    return {
        id,
        pluginName:
            typeof command.pluginName === 'string' ? command.pluginName : '',
        pluginType:
            typeof command.pluginType === 'string' ? command.pluginType : '',
        strict: command.strict !== false,
        maxArgs: variadic ? undefined : args.length,
        flags,
        deprecated:
            command.state === 'deprecated' ||
            (command.deprecationOptions !== undefined &&
                command.deprecationOptions !== null)
    };
}

function addSpellings(
    catalog: SfCatalog,
    command: SfCommand,
    raw: unknown
): void {
    const manifest = isObject(raw) ? raw : {};
    const set = (
        spelling: string,
        via: SfCommandMatch['via'],
        deprecatedAlias: boolean
    ): void => {
        const existing = catalog.lookup.get(spelling);
        // A real id wins over another command's alias or permutation.
        if (!existing || (via === 'id' && existing.via !== 'id')) {
            catalog.lookup.set(spelling, { command, via, deprecatedAlias });
        }
    };
    const deprecateAliases = manifest.deprecateAliases === true;
    for (const alias of [
        ...strings(manifest.aliases),
        ...strings(manifest.hiddenAliases),
        ...strings(manifest.aliasPermutations)
    ]) {
        set(alias, 'alias', deprecateAliases);
    }
    for (const permutation of strings(manifest.permutations)) {
        set(permutation, 'permutation', false);
    }
    set(command.id, 'id', false);
}

function addManifest(catalog: SfCatalog, file: string): void {
    const manifest = readJson(file);
    if (!isObject(manifest) || !isObject(manifest.commands)) {
        throw new Error(`${file}: no "commands" in this oclif manifest`);
    }
    for (const [id, raw] of Object.entries(manifest.commands)) {
        const command = toCommand(id, raw);
        const existing = catalog.commands.get(id);
        // An installed plugin's own manifest wins over the CLI's just-in-time stub.
        if (
            existing &&
            existing.pluginType !== 'jit' &&
            command.pluginType === 'jit'
        ) {
            continue;
        }
        catalog.commands.set(id, command);
        addSpellings(catalog, command, raw);
    }
}

/** Loads the command catalog of the sf CLI installed in `projectDir`'s node_modules. */
export function loadSfCatalog(projectDir: string): SfCatalog {
    const cliDir = findPackageDir('@salesforce/cli', projectDir);
    if (!cliDir) {
        throw new Error(
            `@salesforce/cli is not installed under ${projectDir}/node_modules (run npm ci)`
        );
    }
    const pkg = readJson(path.join(cliDir, 'package.json'));
    if (!isObject(pkg) || !isObject(pkg.oclif)) {
        throw new Error(`${cliDir}/package.json has no oclif section`);
    }
    const catalog: SfCatalog = {
        cliVersion: typeof pkg.version === 'string' ? pkg.version : 'unknown',
        commands: new Map(),
        lookup: new Map(),
        helpFlags: ['--help', ...strings(pkg.oclif.additionalHelpFlags)]
    };
    const own = path.join(cliDir, 'oclif.manifest.json');
    if (existsSync(own)) {
        addManifest(catalog, own);
    }
    for (const plugin of strings(pkg.oclif.plugins)) {
        const pluginDir = findPackageDir(plugin, cliDir);
        const manifest =
            pluginDir && path.join(pluginDir, 'oclif.manifest.json');
        if (!manifest || !existsSync(manifest)) {
            throw new Error(
                `sf plugin ${plugin} (listed in @salesforce/cli's oclif.plugins) has no oclif.manifest.json installed`
            );
        }
        addManifest(catalog, manifest);
    }
    // This kit's own plugin (`sf casekit ...`, linked by `npm run plugin:link`): its commands and
    // flags as oclif builds them from the command classes (npm run plugin:manifest, drift-checked).
    const kit = path.join(
        projectDir,
        'scripts',
        'plugin',
        'casekit.manifest.json'
    );
    if (existsSync(kit)) {
        addManifest(catalog, kit);
    }
    return catalog;
}
