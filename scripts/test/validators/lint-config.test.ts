import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { REPO_ROOT } from './fixture-project';

// ESLint loads its config with a dynamic import, which Jest's VM does not allow: hand it over.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS
const config = require(
    path.join(REPO_ROOT, 'eslint.config.js')
) as Linter.Config[];

// The lint step must be able to fail: each config block really applies to the files it claims.
describe('eslint.config.js', () => {
    const eslint = new ESLint({
        cwd: REPO_ROOT,
        overrideConfigFile: true,
        overrideConfig: config
    });

    async function ruleIds(text: string, filePath: string): Promise<string[]> {
        const [result] = await eslint.lintText(text, { filePath });
        return (result?.messages ?? []).map(
            (message) => message.ruleId ?? message.message
        );
    }

    it('applies the LWC rules to Lightning web components', async () => {
        const ids = await ruleIds(
            [
                "import { LightningElement, api } from 'lwc';",
                'export default class Bad extends LightningElement {',
                '    @api onclick;',
                '    connectedCallback() {',
                '        this.template.innerHTML = "<b>x</b>";',
                '    }',
                '}',
                ''
            ].join('\n'),
            'force-app/main/default/lwc/bad/bad.js'
        );
        expect(ids).toEqual(
            expect.arrayContaining([
                '@lwc/lwc/valid-api',
                '@lwc/lwc/no-inner-html'
            ])
        );
    });

    it('applies typescript-eslint to the scripts, with no explicit any', async () => {
        const ids = await ruleIds(
            'export function f(x: any): number {\n    return x;\n}\n',
            'scripts/src/lib/example.ts'
        );
        expect(ids).toContain('@typescript-eslint/no-explicit-any');
    });
});
