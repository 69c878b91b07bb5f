import path from 'node:path';
import { checkSfCommand } from './proof/check-sf-command';
import { findInvocation, scanShell } from './proof/command-lines';
import { type SfCatalog, loadSfCatalog } from './proof/sf-manifest';
import { simpleCommands, tokenize } from './proof/shell-words';

const ROOT = path.resolve(__dirname, '../../..');
let catalog: SfCatalog;

beforeAll(() => {
    catalog = loadSfCatalog(ROOT);
});

/** Checks the first sf command in a shell line: its id, flags and issues as `rule: message`. */
function check(line: string): {
    id?: string;
    flags: string[];
    issues: string[];
} {
    const command = simpleCommands(tokenize(line, { placeholders: true }))
        .map(findInvocation)
        .find((invocation) => invocation?.kind === 'sf');
    if (!command) {
        throw new Error(`no sf command in: ${line}`);
    }
    const result = checkSfCommand(catalog, command.args, command.tool.offset);
    return {
        ...(result.commandId ? { id: result.commandId } : {}),
        flags: result.flags,
        issues: result.issues.map((issue) => `${issue.rule}: ${issue.message}`)
    };
}

describe('sf command lines, parsed as oclif does', () => {
    it.each([
        'sf org create scratch -f config/project-scratch-def.json -y 1',
        'sf org create scratch --definition-file=config/project-scratch-def.json --duration-days=1',
        'sf org create scratch -fconfig/project-scratch-def.json -y=1',
        'sf org create scratch --definition-file \'config/project scratch def.json\' --duration-days "$DAYS"',
        'npx sf org create scratch --definition-file x.json --no-track-source --alias ci',
        'npm exec -- sf org create scratch --definition-file x.json --set-default -y 1',
        'SF_LOG_LEVEL=debug node_modules/.bin/sf org create scratch --definition-file x.json'
    ])('accepts %s', (line) => {
        const result = check(line);
        expect(result.id).toBe('org:create:scratch');
        expect(result.issues).toEqual([]);
        expect(result.flags).toContain('definition-file');
    });

    it('resolves aliases and word-order permutations to the command id', () => {
        expect(
            check('sf apex test run -c -r human -d ./tests/apex -w 20').id
        ).toBe('apex:run:test');
        expect(check('sf force:org:display -o devhub').id).toBe('org:display');
    });

    it('groups boolean short flags, and greedy multiple-value flags', () => {
        expect(
            check('sf apex run test -cy --class-names A B --target-org x')
                .issues
        ).toEqual([]);
        expect(
            check('sf apex run test -cy --class-names A B --target-org x').flags
        ).toEqual([
            'class-names',
            'code-coverage',
            'synchronous',
            'target-org'
        ]);
    });

    it('rejects a misspelled flag, naming the nearest one', () => {
        expect(
            check('sf org create scratch --definition-fil x').issues
        ).toEqual([
            'sf-unknown-flag: sf org create scratch has no flag --definition-fil (did you mean --definition-file?)'
        ]);
        expect(check('sf org create scratch -q x').issues[0]).toMatch(
            /^sf-unknown-flag: .* no flag -q/
        );
    });

    it('rejects a misspelled command, naming the nearest one', () => {
        expect(check('sf org create scrach -f x').issues).toEqual([
            'sf-unknown-command: sf org create scrach: no such command in sf 2.150.6 (did you mean sf org create scratch?)'
        ]);
    });

    it('rejects a missing value, a value for a boolean, a bad choice, a repeated flag', () => {
        expect(check('sf org create scratch --definition-file').issues).toEqual(
            [
                'sf-flag-value: sf org create scratch --definition-file expects a value'
            ]
        );
        expect(check('sf org create scratch --alias --wait 10').issues).toEqual(
            ['sf-flag-value: sf org create scratch --alias expects a value']
        );
        expect(check('sf apex run test --code-coverage=true').issues).toEqual([
            'sf-flag-value: sf apex run test --code-coverage is a boolean flag and takes no value ("--code-coverage=true")'
        ]);
        expect(check('sf apex run test --result-format xml').issues[0]).toMatch(
            /^sf-flag-value: .*--result-format expects one of human, tap, junit, json, got "xml"/
        );
        expect(
            check('sf org create scratch --alias a --alias b').issues
        ).toEqual([
            'sf-flag-repeated: sf org create scratch --alias can only be given once'
        ]);
        expect(
            check('sf org delete scratch --no-prompt=yes').issues[0]
        ).toMatch(/takes no value/);
        expect(check('sf org delete scratch --no-no-prompt').issues[0]).toMatch(
            /^sf-unknown-flag/
        );
    });

    it('rejects flags that exclude each other and unexpected positional arguments', () => {
        expect(
            check('sf apex run test --class-names A --suite-names S').issues
        ).toEqual([
            'sf-flag-exclusive: sf apex run test --class-names cannot be used with --suite-names'
        ]);
        expect(check('sf project deploy start force-app').issues).toEqual([
            'sf-unexpected-argument: sf project deploy start takes no positional arguments; unexpected: force-app'
        ]);
    });

    it('warns on deprecated flag aliases', () => {
        expect(check('sf org display --targetusername devhub').issues).toEqual([
            'sf-deprecated-alias: --targetusername is a deprecated alias of sf org display --target-org'
        ]);
    });

    it('does not judge values it cannot know (placeholders, expansions)', () => {
        expect(
            check(
                'sf apex run test --test-level <level> --result-format "$FORMAT"'
            ).issues
        ).toEqual([]);
    });

    it('accepts help and version flags', () => {
        expect(check('sf --version').issues).toEqual([]);
        expect(check('sf org create scratch --help').issues).toEqual([]);
        expect(check('sf org create scratch -h').issues).toEqual([]);
    });
});

describe('shell scanning', () => {
    it('splits command lists and pipelines, drops redirections, keeps line numbers', () => {
        const scan = scanShell(
            [
                'set -euo pipefail',
                'if [ -z "$X" ]; then echo "sf org nope"; fi',
                'npm ci && npx sf org display --json > out.json 2>&1 | tee x',
                'username=$(jq -r .result out.json) # sf in a comment',
                'npm run --silent provision -- \\',
                '  --target-org "${{ env.ALIAS }}" --json'
            ].join('\n'),
            10
        );
        expect(scan.problems).toEqual([]);
        expect(
            scan.commands.map(
                (c) =>
                    `${c.line} ${c.invocation.kind} ${c.invocation.script ?? ''}`
            )
        ).toEqual(['12 sf ', '14 npm-script provision']);
        const provision = scan.commands[1];
        expect(provision?.invocation.args.map((word) => word.value)).toEqual([
            '--',
            '--target-org',
            '${{ env.ALIAS }}',
            '--json'
        ]);
        expect(
            provision?.lineAt(provision.invocation.args[1]?.offset ?? 0)
        ).toBe(15);
    });

    it('reports unterminated quotes', () => {
        expect(
            scanShell('sf org display --target-org "devhub').problems
        ).toEqual([
            { line: 1, message: 'shell syntax: unterminated double quote' }
        ]);
    });

    it('reads quotes and escapes like the shell', () => {
        const words = tokenize(`a 'b c' "d \\"e\\" $F" g\\ h`).flatMap(
            (token) =>
                token.type === 'word'
                    ? [[token.word.value, token.word.literal]]
                    : []
        );
        expect(words).toEqual([
            ['a', true],
            ['b c', true],
            ['d "e" $F', false],
            ['g h', true]
        ]);
    });
});
