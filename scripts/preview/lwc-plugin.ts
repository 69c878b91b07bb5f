import { createHash } from 'node:crypto';
import lwc, { type RollupLwcOptions } from '@lwc/rollup-plugin';
import type { Plugin, TransformResult } from 'rollup';

/**
 * @lwc/rollup-plugin with two savings that change nothing in its output:
 * - the LWC runtime packages (@lwc/engine-dom, @lwc/synthetic-shadow: already-built
 *   distributables, no components) skip the component compiler, a quarter of its time;
 * - a stylesheet is compiled once per distinct content: the base components ship the same SLDS
 *   file under many names (form-element.slds.css in ten of them). The style compiler's output
 *   depends on the CSS and on whether it is scoped (`?scoped=true`), not on the file's name or
 *   component, which scripts/test/preview/lwc-plugin.test.ts checks.
 */

type Transform = (
    this: unknown,
    code: string,
    id: string
) => TransformResult | Promise<TransformResult>;

export const RUNTIME_PACKAGES = ['**/node_modules/@lwc/**'];

export function lwcPlugin(options: RollupLwcOptions): Plugin {
    const plugin = lwc({ ...options, exclude: RUNTIME_PACKAGES });
    const transform = plugin.transform as Transform | undefined;
    if (typeof transform !== 'function') {
        throw new Error('@lwc/rollup-plugin has no transform hook to wrap');
    }
    const stylesheets = new Map<string, TransformResult>();
    plugin.transform = function (this: unknown, code: string, id: string) {
        const [file = '', query = ''] = id.split('?');
        if (!file.endsWith('.css')) {
            return transform.call(this, code, id);
        }
        const key = `${/\bscoped=true\b/.test(query)}:${createHash('sha256').update(code).digest('hex')}`;
        const known = stylesheets.get(key);
        if (known !== undefined) {
            return known;
        }
        return Promise.resolve(transform.call(this, code, id)).then(
            (result) => {
                stylesheets.set(key, result);
                return result;
            }
        );
    } as Plugin['transform'];
    return plugin;
}
