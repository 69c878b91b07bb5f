import type { XmlElement } from '../xml';

/** The first child named `name`, if any. */
export function child(
    element: XmlElement,
    name: string
): XmlElement | undefined {
    return element.children.find((candidate) => candidate.name === name);
}

/** The text of the first child named `name`, if any. */
export function childText(
    element: XmlElement,
    name: string
): string | undefined {
    return child(element, name)?.text;
}

/** Elements at a `/`-separated path below `root` (`valueSet/valueSetDefinition/value`). */
export function elementsAt(
    root: XmlElement,
    elementPath: string
): XmlElement[] {
    let current = [root];
    for (const name of elementPath.split('/')) {
        current = current.flatMap((element) =>
            element.children.filter((candidate) => candidate.name === name)
        );
    }
    return current;
}
