import { readFileSync } from 'node:fs';
import {
    ApexErrorListener,
    ApexParserFactory,
    type ClassBodyDeclarationContext,
    type ClassDeclarationContext,
    type ModifierContext
} from '@apexdevtools/apex-parser';

/** What the Apex declares for the Lightning wire, read with the Apex grammar. */

class Collect extends ApexErrorListener {
    readonly errors: string[] = [];

    apexSyntaxError(line: number, column: number, message: string): void {
        this.errors.push(`${line}:${column} ${message}`);
    }
}

function parseClass(file: string): ClassDeclarationContext {
    const listener = new Collect();
    const { parser } = ApexParserFactory.createLexerAndParser(
        readFileSync(file, 'utf8'),
        listener
    );
    const unit = parser.compilationUnit();
    if (listener.errors.length > 0) {
        throw new Error(`${file}: ${listener.errors.join('; ')}`);
    }
    return unit.typeDeclaration().classDeclaration();
}

function annotation(
    modifiers: ModifierContext[],
    name: string
): ModifierContext | undefined {
    return modifiers.find(
        (m) =>
            m.annotation()?.id().getText().toLowerCase() === name.toLowerCase()
    );
}

/** Type text without the outer class: CasePortalDtos.Option to Option. */
function typeName(text: string, outer: string): string {
    return text.replace(new RegExp(`\\b${outer}\\.`, 'g'), '');
}

function declarations(
    cls: ClassDeclarationContext
): ClassBodyDeclarationContext[] {
    return cls.classBody().classBodyDeclaration_list();
}

/** Inner class name to its @AuraEnabled fields and properties (name to Apex type). */
export function auraEnabledFields(
    file: string
): Record<string, Record<string, string>> {
    const outer = parseClass(file);
    const outerName = outer.id().getText();
    const classes: Record<string, Record<string, string>> = {};
    for (const declaration of declarations(outer)) {
        const inner = declaration.memberDeclaration()?.classDeclaration();
        if (!inner) {
            continue;
        }
        const fields: Record<string, string> = {};
        for (const member of declarations(inner)) {
            if (!annotation(member.modifier_list(), 'AuraEnabled')) {
                continue;
            }
            const field = member.memberDeclaration()?.fieldDeclaration();
            const property = member.memberDeclaration()?.propertyDeclaration();
            if (field) {
                for (const variable of field
                    .variableDeclarators()
                    .variableDeclarator_list()) {
                    fields[variable.id().getText()] = typeName(
                        field.typeRef().getText(),
                        outerName
                    );
                }
            } else if (property) {
                fields[property.id().getText()] = typeName(
                    property.typeRef().getText(),
                    outerName
                );
            }
        }
        classes[inner.id().getText()] = fields;
    }
    return classes;
}

export interface ApexMethod {
    params: [string, string][];
    returns: string;
    cacheable: boolean;
}

/** The controller's @AuraEnabled methods: parameters, return type, cacheable. */
export function auraEnabledMethods(
    file: string,
    dtoClass: string
): Record<string, ApexMethod> {
    const methods: Record<string, ApexMethod> = {};
    for (const declaration of declarations(parseClass(file))) {
        const method = declaration.memberDeclaration()?.methodDeclaration();
        const aura = annotation(declaration.modifier_list(), 'AuraEnabled');
        if (!method || !aura) {
            continue;
        }
        const pairs =
            aura.annotation()?.elementValuePairs()?.elementValuePair_list() ??
            [];
        const cacheable = pairs.some(
            (pair) =>
                pair.id().getText().toLowerCase() === 'cacheable' &&
                pair.elementValue().getText().toLowerCase() === 'true'
        );
        const params = (
            method
                .formalParameters()
                .formalParameterList()
                ?.formalParameter_list() ?? []
        ).map((param): [string, string] => [
            param.id().getText(),
            typeName(param.typeRef().getText(), dtoClass)
        ]);
        methods[method.id().getText()] = {
            params,
            returns: typeName(method.typeRef()?.getText() ?? 'void', dtoClass),
            cacheable
        };
    }
    return methods;
}
