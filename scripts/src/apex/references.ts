import path from 'node:path';
import {
    ApexParserBaseListener,
    ApexParseTreeWalker,
    BlockContext,
    CatchClauseContext,
    ClassBodyContext,
    ConstructorDeclarationContext,
    CreatorContext,
    DotExpressionContext,
    EnhancedForControlContext,
    ExpressionContext,
    ForStatementContext,
    FormalParameterContext,
    IdPrimaryContext,
    LiteralPrimaryContext,
    MethodDeclarationContext,
    PrimaryExpressionContext,
    PropertyDeclarationContext,
    TriggerBlockContext,
    TriggerUnitContext,
    VariableDeclaratorContext,
    WhenControlContext,
    type ApexParserRuleContext,
    type ApexTerminalNode
} from '@apexdevtools/apex-parser';
import type { Finding } from '../lib/findings';
import { nearestNames } from '../lib/nearest';
import {
    standardApexTypes,
    standardObjects
} from '../metadata/standard-objects';
import { parseApexFiles, type ParsedApex } from './parse';

/**
 * References in Apex that the kit checks from the parse tree of `@apexdevtools/apex-parser`
 * (no compiler; apex-ls does the full type check beside it). The org compiles every class on
 * deploy and fails on a name it cannot resolve ("Invalid type: Merchandise__c", "Variable does
 * not exist: Merchandise__c.Category__c", wadewegner/deploy-to-sfdx issue #41):
 * - `Label.X` / `System.Label.X` as a qualified name: a custom label of the project. A local
 *   variable, parameter or field named `label` in scope shadows it (Apex names are
 *   case-insensitive), so `label.startsWith('x')` on such a variable is not a label.
 *   `Label.ns.X` (a field after the name: strings have no fields) is the label X of the package
 *   with namespace ns (Apex Developer Guide, "Custom Labels": `System.Label.namespace.label_name`);
 *   only the project's own namespace is checked.
 * - `FeatureManagement.checkPermission('X')`: a custom permission of the project (Apex Reference
 *   Guide, "FeatureManagement Class" > checkPermission(apiName));
 * - identifiers `Name__c` / `Name__mdt` / `Name__e` / `Name__r`: a custom object, or a custom
 *   field of some object, of the project; `Name__r` is a relationship name: the parent one of a
 *   field `Name__c` or the child one a lookup or master-detail field declares in
 *   `<relationshipName>` (Object Reference, "Relationships Among Objects"; Metadata API,
 *   CustomField.relationshipName). Namespaced names (`ns__Name__c`) of other packages are left
 *   alone. Comments and string literals are not tokens of the tree, so they are never read; Apex
 *   forbids two consecutive underscores in names it declares (Apex Developer Guide, "Variables"),
 *   so every such identifier is a schema name.
 * - `new Type(...)`, `new Type[]{...}`: a class of the project, a built-in or Apex standard type,
 *   a type of another package (`new ns.Type()` where the project's code uses `ns` as the
 *   namespace of types and declares no class `ns`), or an sObject; `new
 *   DataWeaveScriptResource.X()` needs the project's DataWeave script X (standard types and sObjects from apex-ls's describe data in
 *   @salesforce/code-analyzer-pmd-engine).
 */
export interface ApexProject {
    /** `Type:FullName` of every metadata component of the project. */
    components: Set<string>;
    /**
     * Lower-case custom field names (`x__c`) of any object, including fields declared inside an
     * object file rather than in `fields/`.
     */
    fieldNames?: Set<string>;
    /** Lower-case relationship names (`x__r`) the project's lookup and master-detail fields declare. */
    relationshipNames?: Set<string>;
    /** The project's namespace prefix (sfdx-project.json `namespace`), when it has one. */
    namespace?: string;
}

const CUSTOM_NAME =
    /^(?:[A-Za-z][A-Za-z0-9]*__)?[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*__(?:c|mdt|e|r)$/i;
const NAMESPACED = /^([A-Za-z][A-Za-z0-9]*)__([A-Za-z].*__(?:c|mdt|e|r))$/i;

/**
 * Types every Apex class may construct that are neither classes of the standard-types jar nor
 * sObjects: the primitive and collection types (Apex Developer Guide, "Primitive Data Types",
 * "Collections") and `Object`, the root type (`new Object[]{...}` builds an array, that is a
 * List<Object>: Apex Developer Guide, "Lists", array notation).
 */
const BUILT_IN_TYPES = new Set([
    'blob',
    'boolean',
    'date',
    'datetime',
    'decimal',
    'double',
    'id',
    'integer',
    'list',
    'long',
    'map',
    'object',
    'set',
    'sobject',
    'string',
    'time'
]);

/** `a.b.c` as ['a', 'b', 'c'] when the expression is only names joined by dots, else undefined. */
function nameChain(expression: ExpressionContext): string[] | undefined {
    if (expression instanceof PrimaryExpressionContext) {
        const primary = expression.primary();
        return primary instanceof IdPrimaryContext
            ? [primary.id().getText()]
            : undefined;
    }
    if (
        expression instanceof DotExpressionContext &&
        !expression.dotMethodCall() &&
        expression.anyId()
    ) {
        const left = nameChain(expression.expression());
        return left ? [...left, expression.anyId().getText()] : undefined;
    }
    return undefined;
}

function isAncestor(
    ancestor: ApexParserRuleContext,
    node: ApexParserRuleContext
): boolean {
    for (
        let current: ApexParserRuleContext | undefined = node;
        current;
        current = current.parentCtx
    ) {
        if (current === ancestor) {
            return true;
        }
    }
    return false;
}

/**
 * Where a declaration of a variable, parameter or field is visible: the nearest block, method,
 * `for` statement, catch clause or class body around it.
 */
function declarationScope(
    node: ApexParserRuleContext
): ApexParserRuleContext | undefined {
    for (let current = node.parentCtx; current; current = current.parentCtx) {
        if (SCOPES.some((scope) => current instanceof scope)) {
            return current;
        }
    }
    return undefined;
}

const SCOPES = [
    BlockContext,
    MethodDeclarationContext,
    ConstructorDeclarationContext,
    ForStatementContext,
    WhenControlContext,
    ClassBodyContext,
    TriggerBlockContext,
    TriggerUnitContext
];

interface Check {
    node: ApexParserRuleContext | ApexTerminalNode;
    element: string;
    message: string;
}

/** Walks one file's tree and lists what does not resolve in the project. */
class ReferenceChecker extends ApexParserBaseListener {
    readonly problems: Check[] = [];
    /** Scopes of every variable, parameter or field named `label` (it shadows Label). */
    private readonly labelScopes: ApexParserRuleContext[] = [];
    private readonly uses: { node: IdPrimaryContext; check: () => void }[] = [];

    constructor(
        private readonly resolve: Resolver,
        private readonly declared: Set<string>
    ) {
        super();
    }

    private declares(node: ApexParserRuleContext, name: string): void {
        if (name.toLowerCase() === 'label') {
            const scope = declarationScope(node);
            if (scope) {
                this.labelScopes.push(scope);
            }
        }
    }

    enterVariableDeclarator = (ctx: VariableDeclaratorContext): void => {
        this.declares(ctx, ctx.id().getText());
    };

    enterFormalParameter = (ctx: FormalParameterContext): void => {
        this.declares(ctx, ctx.id().getText());
    };

    enterEnhancedForControl = (ctx: EnhancedForControlContext): void => {
        this.declares(ctx, ctx.id().getText());
    };

    enterCatchClause = (ctx: CatchClauseContext): void => {
        if (ctx.id().getText().toLowerCase() === 'label') {
            this.labelScopes.push(ctx);
        }
    };

    enterPropertyDeclaration = (ctx: PropertyDeclarationContext): void => {
        this.declares(ctx, ctx.id().getText());
    };

    override visitTerminal(node: ApexTerminalNode): void {
        const text = node.getText();
        if (text.includes('__') && CUSTOM_NAME.test(text)) {
            const problem = this.resolve.customName(text);
            if (problem) {
                this.problems.push({ node, element: text, message: problem });
            }
        }
    }

    enterDotExpression = (ctx: DotExpressionContext): void => {
        const call = ctx.dotMethodCall();
        const left = nameChain(ctx.expression());
        if (!left) {
            return;
        }
        const lower = left.map((part) => part.toLowerCase()).join('.');
        if (call) {
            if (
                call.anyId().getText().toLowerCase() === 'checkpermission' &&
                (lower === 'featuremanagement' ||
                    lower === 'system.featuremanagement')
            ) {
                this.checkPermission(ctx);
            }
            return;
        }
        if (lower !== 'label' && lower !== 'system.label') {
            return;
        }
        const name = ctx.anyId().getText();
        // `Label.ns.Name`: a field after the label name names a namespace's label.
        const parent = ctx.parentCtx;
        const namespaced =
            parent instanceof DotExpressionContext &&
            parent.expression() === ctx &&
            !parent.dotMethodCall() &&
            parent.anyId()
                ? parent.anyId().getText()
                : undefined;
        const check = (): void => {
            const problem = this.resolve.label(name, namespaced);
            if (problem) {
                this.problems.push({
                    node: ctx,
                    element: namespaced
                        ? `Label.${name}.${namespaced}`
                        : `Label.${name}`,
                    message: problem
                });
            }
        };
        const first = leftmostId(ctx);
        if (lower === 'label' && first) {
            // A variable named label may be declared later in the file than this use's scope
            // opens (a field below a method): decided once the whole file is walked.
            this.uses.push({ node: first, check });
        } else {
            check();
        }
    };

    enterCreator = (ctx: CreatorContext): void => {
        const name = ctx
            .createdName()
            .idCreatedNamePair_list()
            .map((pair) => pair.anyId().getText())
            .join('.');
        const problem = this.resolve.type(name, this.declared);
        if (problem) {
            this.problems.push({ node: ctx, element: name, message: problem });
        }
    };

    private checkPermission(ctx: DotExpressionContext): void {
        const args = ctx.dotMethodCall().expressionList()?.expression_list();
        const only = args?.length === 1 ? args[0] : undefined;
        if (
            !(only instanceof PrimaryExpressionContext) ||
            !(only.primary() instanceof LiteralPrimaryContext)
        ) {
            return; // a variable: known only at run time
        }
        const literal = only.getText();
        if (!literal.startsWith("'")) {
            return;
        }
        const name = literal.slice(1, -1);
        const problem = this.resolve.permission(name);
        if (problem) {
            this.problems.push({
                node: ctx,
                element: `checkPermission('${name}')`,
                message: problem
            });
        }
    }

    /** Runs the checks that needed every declaration of the file first. */
    finish(): void {
        for (const use of this.uses) {
            if (
                !this.labelScopes.some((scope) => isAncestor(scope, use.node))
            ) {
                use.check();
            }
        }
    }
}

function leftmostId(ctx: DotExpressionContext): IdPrimaryContext | undefined {
    let expression: ExpressionContext = ctx.expression();
    while (expression instanceof DotExpressionContext) {
        expression = expression.expression();
    }
    const primary =
        expression instanceof PrimaryExpressionContext
            ? expression.primary()
            : undefined;
    return primary instanceof IdPrimaryContext ? primary : undefined;
}

interface Resolver {
    customName(name: string): string | undefined;
    label(name: string, namespacedName?: string): string | undefined;
    permission(name: string): string | undefined;
    type(name: string, declared: Set<string>): string | undefined;
}

function resolver(project: ApexProject, parsed: ParsedApex): Resolver {
    const { declared } = parsed;
    const lower = new Set(
        [...project.components].map((name) => name.toLowerCase())
    );
    const fieldNames = new Set(project.fieldNames);
    for (const name of lower) {
        if (name.startsWith('customfield:')) {
            fieldNames.add(name.split('.').pop() ?? '');
        }
    }
    const relationshipNames = project.relationshipNames ?? new Set<string>();
    const namespace = project.namespace?.toLowerCase();
    const knownType = typeResolver(
        declared,
        lower,
        packageQualifiers(parsed, namespace)
    );
    return {
        customName: (name) => {
            let local = name.toLowerCase();
            const namespaced = NAMESPACED.exec(local);
            if (namespaced) {
                if (namespaced[1] !== namespace) {
                    return undefined; // another package's schema
                }
                local = namespaced[2] ?? local;
            }
            if (
                lower.has(`customobject:${local}`) ||
                fieldNames.has(local) ||
                lower.has(`custommetadata:${local}`) ||
                (local.endsWith('__r') &&
                    (relationshipNames.has(local) ||
                        fieldNames.has(local.replace(/__r$/, '__c'))))
            ) {
                return undefined;
            }
            return local.endsWith('__r')
                ? `no relationship "${name}" in this project (no custom field ${name.replace(/__r$/i, '__c')}, no lookup or master-detail field with relationshipName ${name.replace(/__r$/i, '')}): the class would not compile`
                : `no custom object or field "${name}" in this project: the class would not compile`;
        },
        label: (name, namespacedName) => {
            if (namespacedName !== undefined) {
                if (name.toLowerCase() !== namespace) {
                    return undefined; // a label of the package with namespace `name`
                }
                return lower.has(`customlabel:${namespacedName.toLowerCase()}`)
                    ? undefined
                    : `no custom label "${namespacedName}" in this project (namespace ${name}): the class would not compile`;
            }
            return lower.has(`customlabel:${name.toLowerCase()}`)
                ? undefined
                : `no custom label "${name}" in this project: the class would not compile`;
        },
        permission: (name) =>
            name.includes('__') ||
            lower.has(`custompermission:${name.toLowerCase()}`)
                ? undefined
                : `no custom permission "${name}" in this project`,
        type: (name, declaredNames) => {
            if (knownType(name)) {
                return undefined;
            }
            const near = nearestNames(name, [...declaredNames], 2);
            return `new ${name}: no such class in this project, the Apex standard library or the sObjects${near.length > 0 ? ` (nearest: ${near.join(', ')})` : ''}`;
        }
    };
}

export function checkApexReferences(
    files: string[],
    project: ApexProject,
    rel: (file: string) => string,
    parsed: ParsedApex = parseApexFiles(files)
): Finding[] {
    const { declared } = parsed;
    const resolve = resolver(project, parsed);
    const findings: Finding[] = [];
    for (const { file, tree } of parsed.files) {
        const checker = new ReferenceChecker(resolve, declared);
        ApexParseTreeWalker.DEFAULT.walk(checker, tree);
        checker.finish();
        for (const problem of checker.problems) {
            const line =
                'symbol' in problem.node
                    ? problem.node.symbol.line
                    : problem.node.start.line;
            findings.push({
                file: rel(file),
                line,
                element: problem.element,
                message: problem.message,
                rule: 'apex-reference'
            });
        }
    }
    return findings;
}

/**
 * Qualifiers the project's own code uses as namespaces of types (`ns.Type x;`) that are neither
 * its classes, its namespace nor an Apex namespace: installed packages it depends on, whose
 * types only the org knows.
 */
function packageQualifiers(
    parsed: ParsedApex,
    namespace: string | undefined
): Set<string> {
    const standard = new Set(
        Object.keys(standardApexTypes()?.namespaces ?? {}).map((ns) =>
            ns.toLowerCase()
        )
    );
    return new Set(
        [...parsed.typeQualifiers].filter(
            (qualifier) =>
                !parsed.declared.has(qualifier) &&
                !standard.has(qualifier) &&
                qualifier !== namespace
        )
    );
}

function typeResolver(
    declared: Set<string>,
    components: Set<string>,
    packages: Set<string>
): (name: string) => boolean {
    const standard = standardApexTypes();
    const objects = standardObjects();
    if (!standard || !objects) {
        return () => true; // no data: nothing is checked
    }
    const namespaces = new Map(
        Object.entries(standard.namespaces).map(([ns, names]) => [
            ns.toLowerCase(),
            new Set(names.map((n) => n.toLowerCase()))
        ])
    );
    const anyNamespace = new Set(
        [...namespaces.values()].flatMap((names) => [...names])
    );
    const sObjects = new Set(
        Object.keys(objects.objects).map((n) => n.toLowerCase())
    );
    return (name: string) => {
        const parts = name.toLowerCase().split('.');
        const first = parts[0] ?? '';
        if (first === 'dataweavescriptresource' && parts.length === 2) {
            // One generated class per DataWeave script of the org (Apex Developer Guide,
            // "Implementing DataWeave in Apex"): the project's DataWeaveResource components.
            return components.has(`dataweaveresource:${parts[1]}`);
        }
        if (parts.length > 1) {
            // Namespace.Type, Outer.Inner, Schema.SObject: the first part must be known.
            return (
                namespaces.has(first) ||
                packages.has(first) ||
                declared.has(first) ||
                anyNamespace.has(first) ||
                components.has(`apexclass:${first}`)
            );
        }
        return (
            BUILT_IN_TYPES.has(first) ||
            declared.has(first) ||
            components.has(`apexclass:${first}`) ||
            namespaces.get('system')?.has(first) === true ||
            anyNamespace.has(first) ||
            sObjects.has(first) ||
            components.has(`customobject:${first}`) ||
            /__/.test(first)
        );
    };
}

/** Apex class files (`.cls`, `.trigger`) among `files`. */
export function apexFiles(files: string[]): string[] {
    return files.filter((file) =>
        ['.cls', '.trigger'].includes(path.extname(file))
    );
}
