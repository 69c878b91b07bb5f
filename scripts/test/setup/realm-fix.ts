// Jest runs tests in a vm context whose Symbol lacks Symbol.dispose, which Node 22 adds
// only to its main realm; undici (under jsforce) reads it from node:events'
// addAbortListener() result and fails with "removeAbortListener is not a function".
// Give the test realm the main realm's symbol before any request is made.

import { addAbortListener } from 'node:events';

const symbols = Object.getOwnPropertySymbols(
    addAbortListener(new AbortController().signal, () => undefined)
);
const dispose = symbols[0];
if (dispose && (Symbol as { dispose?: symbol }).dispose !== dispose) {
    Object.defineProperty(Symbol, 'dispose', {
        value: dispose,
        configurable: true
    });
}
