// Helpers shared by the case portal components (no template: a service module).
import GENERIC_ERROR from '@salesforce/label/c.CasePortal_ErrorGeneric';

/**
 * The message to show for a failed Apex call or wire. The portal's Apex refuses with
 * AuraHandledException messages written for the user (error.body.message); anything else
 * (network, unexpected server error) gets the generic label.
 */
export function errorMessage(error) {
    const body = error?.body;
    if (Array.isArray(body)) {
        const messages = body.map((item) => item?.message).filter(Boolean);
        if (messages.length > 0) {
            return messages.join(' ');
        }
    } else if (typeof body?.message === 'string' && body.message) {
        return body.message;
    }
    return GENERIC_ERROR;
}

/**
 * Replaces {0}, {1}, ... in a custom label with the arguments, reading the label as Java
 * MessageFormat does, like Apex String.format: '' is one apostrophe, a single apostrophe quotes
 * text up to the next one (so '{0}' stays literal). The portal's labels double their apostrophes
 * so the same label reads right in Apex and here. An unknown placeholder is left as it is.
 */
export function formatLabel(label, ...args) {
    const pattern = String(label);
    let text = '';
    let quoted = false;
    for (let i = 0; i < pattern.length; i++) {
        const char = pattern[i];
        if (char === "'") {
            if (pattern[i + 1] === "'") {
                text += "'";
                i++;
            } else {
                quoted = !quoted;
            }
            continue;
        }
        const end = char === '{' && !quoted ? pattern.indexOf('}', i) : -1;
        const index = end > i ? pattern.slice(i + 1, end) : '';
        if (/^\d+$/.test(index)) {
            const value = args[Number(index)];
            text += value === undefined ? `{${index}}` : String(value);
            i = end;
        } else {
            text += char;
        }
    }
    return text;
}

/**
 * Length of the text in UTF-8 bytes, as Salesforce stores CaseComment.CommentBody: letters with
 * accents take two bytes, most other symbols three, emoji four.
 */
export function utf8Length(text) {
    let bytes = 0;
    for (const char of text ?? '') {
        const codePoint = char.codePointAt(0);
        if (codePoint < 0x80) {
            bytes += 1;
        } else if (codePoint < 0x800) {
            bytes += 2;
        } else if (codePoint < 0x10000) {
            bytes += 3;
        } else {
            bytes += 4;
        }
    }
    return bytes;
}
