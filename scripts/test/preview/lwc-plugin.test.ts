import { readFileSync } from 'node:fs';
import path from 'node:path';
import lwc from '@lwc/rollup-plugin';
import type { Plugin } from 'rollup';
import { lwcPlugin } from '../../preview/lwc-plugin';
import { CLIENT_DIR, LBC_DIR, ROOT } from '../../preview/paths';

/** The preview's wrapper of @lwc/rollup-plugin changes what is compiled, never the result. */

type Transform = (
    this: unknown,
    code: string,
    id: string
) =>
    | Promise<{ code: string } | null | undefined>
    | { code: string }
    | null
    | undefined;

const context = { warn: () => undefined };

function transformOf(
    plugin: Plugin
): (code: string, id: string) => Promise<string | undefined> {
    const hook = plugin.transform as unknown as Transform;
    return async (code, id) => (await hook.call(context, code, id))?.code;
}

function started(plugin: Plugin): Plugin {
    const buildStart = plugin.buildStart as unknown as (
        this: unknown,
        options: { input: string[] }
    ) => void;
    buildStart.call(context, { input: [path.join(CLIENT_DIR, 'main.js')] });
    return plugin;
}

const options = { rootDir: CLIENT_DIR, enableDynamicComponents: true };
const css = (component: string) =>
    path.join(LBC_DIR, component, 'form-element.slds.css');

test('one stylesheet under two names compiles to what the plain plugin gives each', async () => {
    const plain = transformOf(started(lwc(options)));
    const wrapped = transformOf(started(lwcPlugin(options)));
    const source = readFileSync(css('input'), 'utf8');
    expect(readFileSync(css('textarea'), 'utf8')).toBe(source);
    for (const file of [css('input'), css('textarea')]) {
        expect(await wrapped(source, file)).toBe(await plain(source, file));
    }
    // Scoped (?scoped=true) is compiled on its own, not served from the unscoped entry.
    const scoped = `${css('textarea')}?scoped=true`;
    const scopedCode = await wrapped(source, scoped);
    expect(scopedCode).toBe(await plain(source, scoped));
    expect(scopedCode).not.toBe(await wrapped(source, css('input')));
});

test('a component still goes through the compiler; the LWC runtime packages do not', async () => {
    const wrapped = transformOf(started(lwcPlugin(options)));
    const component = path.join(
        ROOT,
        'force-app/main/default/lwc/caseList/caseList.js'
    );
    const compiled = await wrapped(readFileSync(component, 'utf8'), component);
    expect(compiled).toContain('registerComponent');
    const engine = path.join(
        ROOT,
        'node_modules/@lwc/engine-dom/dist/index.js'
    );
    expect(await wrapped('export const x = 1;\n', engine)).toBeUndefined();
});
