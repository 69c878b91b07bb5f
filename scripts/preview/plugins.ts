import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'rollup';
import { CONTROLLER_METHODS, isMethodName } from './backend/dtos';
import { CLIENT_DIR, LBC_SCOPED_DIR } from './paths';

/**
 * Resolves the Salesforce platform modules our components import, which no npm package
 * provides: `@salesforce/apex/*` (calls to the preview backend), `@salesforce/apex`
 * (refreshApex), `@salesforce/label/c.*` (from CustomLabels.labels-meta.xml) and
 * `@salesforce/customPermission/*` (from the preview settings), and `@salesforce/i18n/*` for our
 * components (the base components' values; their own module records are private to them), and
 * `lightning/navigation` (page references in the URL, client/navigation.js), and
 * `lightning/fileUpload` (a stand-in, client/lwc/preview/fileUpload). Also closes the one
 * lightning-base-components gate that breaks under synthetic shadow. An import it cannot
 * resolve (a label or Apex method that does not exist) fails the build.
 */

const PREFIX = '\0sf:';
const APEX_RUNTIME = path.join(CLIENT_DIR, 'apex.js');
const SETTINGS_RUNTIME = path.join(CLIENT_DIR, 'settings.js');
const CLOSED_GATE = path.join(CLIENT_DIR, 'gate-closed.js');
/** lightning/navigation re-exports force/navigation, which only the platform provides. */
const NAVIGATION_RUNTIME = path.join(CLIENT_DIR, 'navigation.js');
/** lightning-file-upload: not in lightning-base-components; the preview's stand-in component. */
const FILE_UPLOAD_STAND_IN = path.join(
    CLIENT_DIR,
    'lwc/preview/fileUpload/fileUpload.js'
);
const CLOSED_GATES = new Set([
    '@salesforce/gate/bc.260.enableComboboxElementInternals'
]);

export function salesforceModules(labels: Map<string, string>): Plugin {
    return {
        name: 'preview-salesforce-modules',
        resolveId(source) {
            if (CLOSED_GATES.has(source)) {
                return CLOSED_GATE;
            }
            if (source === 'lightning/navigation') {
                return NAVIGATION_RUNTIME;
            }
            if (source === 'lightning/fileUpload') {
                return FILE_UPLOAD_STAND_IN;
            }
            if (source.startsWith('@salesforce/i18n/')) {
                const file = path.join(
                    LBC_SCOPED_DIR,
                    `${source.replace(/\//g, '-')}.js`
                );
                return existsSync(file) ? file : null;
            }
            if (
                source === '@salesforce/apex' ||
                source.startsWith('@salesforce/apex/') ||
                source.startsWith('@salesforce/label/c.') ||
                source.startsWith('@salesforce/customPermission/')
            ) {
                return PREFIX + source;
            }
            return null;
        },
        load(id) {
            if (!id.startsWith(PREFIX)) {
                return null;
            }
            const source = id.slice(PREFIX.length);
            if (source === '@salesforce/apex') {
                return `export { refreshApex } from ${JSON.stringify(APEX_RUNTIME)};\n`;
            }
            if (source.startsWith('@salesforce/apex/')) {
                const [controller, method, extra] = source
                    .slice('@salesforce/apex/'.length)
                    .split('.');
                if (
                    controller !== 'CasePortalController' ||
                    !method ||
                    extra !== undefined ||
                    !isMethodName(method)
                ) {
                    this.error(
                        `${source}: the preview backend has no such @AuraEnabled method`
                    );
                }
                const cacheable = CONTROLLER_METHODS[method].cacheable;
                return [
                    `import { createApexMethod } from ${JSON.stringify(APEX_RUNTIME)};`,
                    `export default createApexMethod(${JSON.stringify(controller)}, ${JSON.stringify(method)}, ${cacheable});`,
                    ''
                ].join('\n');
            }
            if (source.startsWith('@salesforce/label/c.')) {
                const name = source.slice('@salesforce/label/c.'.length);
                const value = labels.get(name);
                if (value === undefined) {
                    this.error(
                        `${source}: no custom label ${name} in CustomLabels.labels-meta.xml`
                    );
                }
                return `export default ${JSON.stringify(value)};\n`;
            }
            const permission = source.slice(
                '@salesforce/customPermission/'.length
            );
            return [
                `import { hasPermission } from ${JSON.stringify(SETTINGS_RUNTIME)};`,
                `export default hasPermission(${JSON.stringify(permission)});`,
                ''
            ].join('\n');
        }
    };
}
