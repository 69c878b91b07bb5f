// The preview's settings for this page, rendered by the preview server into
// <script type="application/json" id="preview-settings"> from the query string.
const element = document.getElementById('preview-settings');
const SETTINGS = element ? JSON.parse(element.textContent) : {};
const PERMISSIONS = SETTINGS.permissions || {};

/** What `@salesforce/customPermission/<name>` gives: true, or undefined when not held. */
export function hasPermission(name) {
    return PERMISSIONS[name] === true ? true : undefined;
}

/** The page's query string, sent with each Apex call so the backend applies the same switches. */
export function previewQuery() {
    return window.location.search;
}
