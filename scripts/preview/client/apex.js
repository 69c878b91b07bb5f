// `@salesforce/apex/<Class>.<method>` for the preview: an imperative function that POSTs to the
// preview server, and for cacheable methods also a wire adapter (the callable-adapter shape the
// LWC engine supports: fn.adapter). Errors look like Lightning's: { status, body: { message } }.
import { previewQuery } from './settings';

async function invoke(controller, method, params) {
    let response;
    try {
        response = await fetch(`/apex/${controller}/${method}`, {
            method: 'POST',
            headers: {
                'Content-Type': 'application/json',
                'X-Preview-Query': previewQuery()
            },
            body: JSON.stringify(params ?? {})
        });
    } catch (networkError) {
        throw {
            status: 0,
            ok: false,
            statusText: 'Network error',
            body: { message: String(networkError) }
        };
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
        throw {
            status: response.status,
            ok: false,
            statusText: response.statusText,
            body
        };
    }
    return body;
}

/** Wire data is read-only on the platform: freeze it so a component that mutates it fails here too. */
function deepFreeze(value) {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const key of Object.keys(value)) {
            deepFreeze(value[key]);
        }
    }
    return value;
}

/** Each value a wire emitted, to the adapter that emitted it (for refreshApex). */
const EMITTED = new WeakMap();

function hasUndefinedParam(config) {
    return Object.keys(config).some((key) => config[key] === undefined);
}

export function createApexMethod(controller, method, cacheable) {
    const call = (params) => invoke(controller, method, params);
    if (!cacheable) {
        return call;
    }
    call.adapter = class ApexWireAdapter {
        constructor(dataCallback) {
            this.dataCallback = dataCallback;
            this.config = undefined;
            this.requestId = 0;
            this.connected = false;
        }

        update(config) {
            this.config = config ?? {};
            this.fetch();
        }

        connect() {
            this.connected = true;
        }

        disconnect() {
            this.connected = false;
        }

        emit(value) {
            const result = deepFreeze(value);
            EMITTED.set(result, this);
            this.dataCallback(result);
        }

        fetch() {
            if (!this.config || hasUndefinedParam(this.config)) {
                return Promise.resolve();
            }
            const requestId = ++this.requestId;
            return invoke(controller, method, this.config).then(
                (data) => {
                    if (requestId === this.requestId) {
                        this.emit({ data, error: undefined });
                    }
                },
                (error) => {
                    if (requestId === this.requestId) {
                        this.emit({ data: undefined, error });
                    }
                }
            );
        }
    };
    return call;
}

/** Fetches a wired Apex value again and provisions it to the component. */
export function refreshApex(wiredValue) {
    const adapter = wiredValue ? EMITTED.get(wiredValue) : undefined;
    return adapter ? adapter.fetch() : Promise.resolve();
}
