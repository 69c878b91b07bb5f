import { clientPermissions, SWITCHES } from './query';
import { SCOPES } from './metadata';
import type { CallContext } from './backend/service';

/** The preview's HTML pages: SLDS, the settings panel and the entry script. */

function escape(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}

const SLDS = '/assets/styles/salesforce-lightning-design-system.min.css';

const STYLE = `
html, body { background: #f3f3f3; margin: 0; min-height: 100%; }
.preview-main { max-width: 72rem; margin: 0 auto; padding: 0 1rem 2rem; }
.preview-settings summary { cursor: pointer; font-weight: 700; display: list-item; }
.preview-settings fieldset { margin-top: 0.75rem; }
`;

function checkbox(name: string, label: string, checked: boolean): string {
    // The hidden "off" goes first; a checked box's "on" comes after it and wins.
    return `<input type="hidden" name="${name}" value="off" />
<div class="slds-checkbox">
<input type="checkbox" name="${name}" id="setting-${name}" value="on"${checked ? ' checked' : ''} />
<label class="slds-checkbox__label" for="setting-${name}"><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">${escape(label)}</span></label>
</div>`;
}

function settingsPanel(call: CallContext): string {
    const { settings, permissions } = call;
    const switches: Record<keyof typeof SWITCHES, boolean> = {
        read: permissions.read,
        create: permissions.create,
        close: permissions.close,
        portal: settings.portalEnabled,
        creation: settings.caseCreationEnabled,
        update: settings.caseUpdateEnabled
    };
    const boxes = (names: (keyof typeof SWITCHES)[]) =>
        names
            .map((name) => checkbox(name, SWITCHES[name], switches[name]))
            .join('\n');
    const scopes = SCOPES.map(
        (scope) =>
            `<option value="${scope}"${scope === settings.scope ? ' selected' : ''}>${scope}</option>`
    ).join('');
    return `<aside class="preview-settings slds-box slds-theme_default slds-m-vertical_medium" aria-label="Preview settings">
<details data-id="preview-settings">
<summary>Preview settings (no org: permissions and portal settings are switched here)</summary>
<form method="get" action="/">
<div class="slds-grid slds-wrap slds-gutters">
<fieldset class="slds-form-element slds-col slds-size_1-of-1 slds-medium-size_1-of-2">
<legend class="slds-form-element__legend slds-form-element__label">Custom permissions of the portal user</legend>
<div class="slds-form-element__control">${boxes(['read', 'create', 'close'])}</div>
</fieldset>
<fieldset class="slds-form-element slds-col slds-size_1-of-1 slds-medium-size_1-of-2">
<legend class="slds-form-element__legend slds-form-element__label">Case_Portal_Settings__mdt (Default record)</legend>
<div class="slds-form-element__control">${boxes(['portal', 'creation', 'update'])}</div>
<div class="slds-form-element slds-m-top_x-small">
<label class="slds-form-element__label" for="setting-scope">Which cases are mine</label>
<div class="slds-form-element__control"><div class="slds-select_container">
<select class="slds-select" id="setting-scope" name="scope">${scopes}</select>
</div></div></div>
<div class="slds-form-element slds-m-top_x-small">
<label class="slds-form-element__label" for="setting-pageSize">Page size</label>
<div class="slds-form-element__control">
<input class="slds-input" type="number" min="1" max="200" id="setting-pageSize" name="pageSize" value="${settings.pageSize}" />
</div></div>
</fieldset>
</div>
<div class="slds-m-top_small">
<button class="slds-button slds-button_brand" type="submit">Apply</button>
<a class="slds-button slds-button_neutral" href="/">Defaults</a>
</div>
</form>
</details>
</aside>`;
}

export interface PageOptions {
    title: string;
    entry: string;
    call: CallContext;
    /** Show the settings panel (the portal page). */
    settingsPanel: boolean;
}

export function renderPage(options: PageOptions): string {
    const json = JSON.stringify({
        permissions: clientPermissions(options.call)
    }).replace(/</g, '\\u003c');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escape(options.title)}</title>
<link rel="stylesheet" href="${SLDS}" />
<style>${STYLE}</style>
<script type="application/json" id="preview-settings">${json}</script>
<script type="module" src="/dist/${options.entry}"></script>
</head>
<body>
<header class="slds-page-header slds-m-bottom_small" role="banner">
<div class="slds-page-header__row"><div class="slds-page-header__col-title">
<h1 class="slds-page-header__title">${escape(options.title)}</h1>
<p class="slds-page-header__name-meta">The real Lightning web components from force-app, served by a local preview backend (no Salesforce org)</p>
</div></div>
</header>
<main class="preview-main">
${options.settingsPanel ? settingsPanel(options.call) : ''}
<div id="portal"></div>
</main>
</body>
</html>
`;
}
