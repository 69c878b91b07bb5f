// `lightning/navigation` for the preview, following the LWC Developer Guide ("Add Query
// Parameters", "Navigate to Pages"): a PageReference's `state` is serialized to URL query
// parameters (namespaced keys such as c__caseId; string values; undefined deletes a key),
// Navigate adds a history entry (replace=true replaces it), and CurrentPageReference emits the
// new page reference when the state changes, including on the browser's Back and Forward.
// The page's other query parameters (the preview's switches) are kept as they are.

const STATE_KEY = /^[A-Za-z0-9]+__/;
const adapters = new Set();

/** The preview page as a PageReference: a named page whose state is its c__ parameters. */
function currentPageReference() {
    const state = {};
    for (const [key, value] of new URLSearchParams(window.location.search)) {
        if (STATE_KEY.test(key)) {
            state[key] = value;
        }
    }
    return Object.freeze({
        type: 'comm__namedPage',
        attributes: Object.freeze({ name: 'Home' }),
        state: Object.freeze(state)
    });
}

function emitAll() {
    const pageReference = currentPageReference();
    for (const adapter of adapters) {
        adapter.dataCallback(pageReference);
    }
}

window.addEventListener('popstate', emitAll);

export class CurrentPageReference {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    update() {}

    connect() {
        adapters.add(this);
        this.dataCallback(currentPageReference());
    }

    disconnect() {
        adapters.delete(this);
    }
}

function urlFor(pageReference) {
    const params = new URLSearchParams(window.location.search);
    for (const key of [...params.keys()]) {
        if (STATE_KEY.test(key)) {
            params.delete(key);
        }
    }
    const state = pageReference?.state ?? {};
    for (const key of Object.keys(state)) {
        if (!STATE_KEY.test(key)) {
            throw new Error(
                `PageReference state key "${key}" needs a namespace prefix (c__)`
            );
        }
        if (state[key] !== undefined) {
            params.set(key, String(state[key]));
        }
    }
    const query = params.toString();
    return `${window.location.pathname}${query ? `?${query}` : ''}`;
}

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export function NavigationMixin(Base) {
    return class extends Base {
        [Navigate](pageReference, replace) {
            const url = urlFor(pageReference);
            if (replace) {
                window.history.replaceState(null, '', url);
            } else {
                window.history.pushState(null, '', url);
            }
            emitAll();
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve(urlFor(pageReference));
        }
    };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
