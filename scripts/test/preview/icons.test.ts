import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    iconSubset,
    subsetTemplates,
    textDirection,
    usedIconNames
} from '../../preview/icons';
import { LBC_DIR, LBC_SCOPED_DIR } from '../../preview/paths';

/** The preview builds only the icons the sources name (scripts/preview/icons.ts). */

let root: string;
beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'icons-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): string {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
}

test('collects the icons our templates and the base components name', () => {
    const names = usedIconNames();
    // force-app: caseDetail's back button and caseList's new-case button.
    expect(names).toContain('utility:back');
    expect(names).toContain('utility:add');
    // Base components: lightning-combobox's and lightning-input's own icons.
    expect(names).toContain('utility:down');
    expect(names).toContain('utility:search');
    // Built at run time by lightning/toast from its variant.
    expect(names).toContain('utility:success');
    // A small set, not the ~1,700 icons of the five categories.
    expect(names.size).toBeLessThan(200);
});

test('refuses an icon name our components build at run time', () => {
    write('own/c/c.js', 'get icon() { return `utility:${this.kind}`; }\n');
    write('lbc/button/button.html', '<template></template>\n');
    expect(() =>
        usedIconNames([path.join(root, 'own')], path.join(root, 'lbc'))
    ).toThrow(/builds an icon name at run time/);
    write('own/c/c.js', "get icon() { return 'utility:' + this.kind; }\n");
    expect(() =>
        usedIconNames([path.join(root, 'own')], path.join(root, 'lbc'))
    ).toThrow(/builds an icon name at run time/);
});

test('skips the icon libraries themselves, examples and tests', () => {
    write('own/c/c.html', '<lightning-icon icon-name="utility:add">\n');
    write('own/__tests__/t.js', "'utility:zzz_test'\n");
    write('lbc/iconSvgTemplatesUtility/templates.js', "'utility:zzz_lib'\n");
    write('lbc/__examples__/e.html', "'utility:zzz_example'\n");
    write('lbc/input/input.js', "iconName = 'utility:error';\n");
    const names = usedIconNames(
        [path.join(root, 'own')],
        path.join(root, 'lbc')
    );
    expect(
        [...names].filter(
            (name) => !/^utility:(info|success|warning|error)$/.test(name)
        )
    ).toEqual(['utility:add']);
    expect(names).toContain('utility:error');
});

test('a category library keeps the named icons that exist, and nothing else', () => {
    const templates = path.join(
        LBC_DIR,
        'iconSvgTemplatesUtility/buildTemplates/templates.js'
    );
    const source = subsetTemplates(
        templates,
        'utility',
        new Set([
            'utility:add',
            'utility:back',
            'utility:no_such_icon',
            'standard:case'
        ])
    );
    expect(source).toBe(
        [
            'import utility_add from "./utility/add.html";',
            'import utility_back from "./utility/back.html";',
            'export default { utility_add, utility_back };',
            ''
        ].join('\n')
    );
});

test('the preview is left to right, so the right-to-left libraries are built empty', () => {
    expect(textDirection(LBC_SCOPED_DIR)).toBe('ltr');
    write('scoped/@salesforce-i18n-dir.js', 'export default "rtl";');
    expect(textDirection(path.join(root, 'scoped'))).toBe('rtl');
    write('scoped/@salesforce-i18n-dir.js', 'export default "sideways";');
    expect(() => textDirection(path.join(root, 'scoped'))).toThrow();
});

test('the plugin replaces only the icon libraries, each direction by the text direction', () => {
    const plugin = iconSubset(new Set(['utility:add']), 'ltr');
    const load = plugin.load as unknown as (id: string) => string | null;
    const library = (name: string) =>
        path.join(LBC_DIR, name, 'buildTemplates/templates.js');
    expect(load(library('iconSvgTemplatesUtility'))).toContain(
        'export default { utility_add };'
    );
    expect(load(library('iconSvgTemplatesUtilityRtl'))).toBe(
        'export default {  };\n'
    );
    expect(load(library('iconSvgTemplatesStandard'))).toBe(
        'export default {  };\n'
    );
    expect(load(path.join(LBC_DIR, 'icon/icon.js'))).toBeNull();
    const rtl = iconSubset(new Set(['utility:add']), 'rtl');
    const loadRtl = rtl.load as unknown as (id: string) => string | null;
    expect(loadRtl(library('iconSvgTemplatesUtilityRtl'))).toContain(
        'utility_add'
    );
    expect(loadRtl(library('iconSvgTemplatesUtility'))).toBe(
        'export default {  };\n'
    );
});
