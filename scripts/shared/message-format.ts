/**
 * Custom labels with {0}, {1}, ... as Apex String.format fills them: Java MessageFormat rules
 * (Apex Reference, String.format: "in the same manner as apex:outputText", whose value supports
 * "the same syntax as the MessageFormat class in Java"; java.text.MessageFormat: "''" is one
 * apostrophe, a single apostrophe quotes text up to the next one, so "'{0}'" stays literal).
 * Arguments are inserted as they are. force-app's casePortalUtils.formatLabel does the same in
 * the browser.
 */
export function formatMessage(
    label: string,
    ...args: readonly (string | number)[]
): string {
    let text = '';
    let quoted = false;
    for (let i = 0; i < label.length; i++) {
        const char = label[i];
        if (char === "'") {
            if (label[i + 1] === "'") {
                text += "'";
                i++;
            } else {
                quoted = !quoted;
            }
            continue;
        }
        const end = char === '{' && !quoted ? label.indexOf('}', i) : -1;
        const index = end > i ? label.slice(i + 1, end) : '';
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
