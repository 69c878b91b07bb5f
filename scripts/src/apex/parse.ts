import { readFileSync } from 'node:fs';
import {
    ApexErrorListener,
    ApexParserBaseListener,
    ApexParserFactory,
    ClassDeclarationContext,
    EnumDeclarationContext,
    InterfaceDeclarationContext,
    TypeDeclarationContext,
    TypeRefContext,
    type ApexParserRuleContext
} from '@apexdevtools/apex-parser';

/**
 * Every Apex file parsed once with `@apexdevtools/apex-parser` (the `.cls` grammar, or the
 * trigger grammar for `.trigger`): its tree, its syntax errors, and what the project declares,
 * for the syntax, reference and apex-ls note checks alike.
 */
class CollectingListener extends ApexErrorListener {
    readonly errors: SyntaxError[] = [];

    apexSyntaxError(line: number, column: number, message: string): void {
        this.errors.push({ line, column, message });
    }
}

export interface SyntaxError {
    line: number;
    column: number;
    message: string;
}

export interface ParsedFile {
    file: string;
    tree: ApexParserRuleContext;
    /** The grammar's errors (rule apex-syntax); a tree with errors is still walked. */
    syntaxErrors: SyntaxError[];
}

function parse(file: string, collector: DeclarationCollector): ParsedFile {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(
        readFileSync(file, 'utf8'),
        listener
    );
    // Declarations are collected while the parser builds the tree (exit events: each context
    // complete), not by a second walk.
    collector.file = file;
    parser.addParseListener(collector);
    const tree = file.endsWith('.trigger')
        ? parser.triggerUnit()
        : parser.compilationUnit();
    return { file, tree, syntaxErrors: listener.errors };
}

/** What the project's Apex declares and how it qualifies types, from every file's tree. */
export interface ParsedApex {
    files: ParsedFile[];
    /** Class, interface and enum names declared anywhere (inner ones included), lower case. */
    declared: Set<string>;
    /** The top-level ones among them (what any class of the project can name unqualified). */
    topLevel: Set<string>;
    /** Per file, the inner types it declares (visible unqualified in that file). */
    innerByFile: Map<string, Set<string>>;
    /** Interfaces among them. */
    interfaces: Set<string>;
    /** Per file, the classes its classes extend (last part of the name, lower case). */
    extendsByFile: Map<string, Set<string>>;
    /** First parts of qualified type references (`ns` of `ns.Type x;`), lower case. */
    typeQualifiers: Set<string>;
}

class DeclarationCollector extends ApexParserBaseListener {
    readonly declared = new Set<string>();
    readonly topLevel = new Set<string>();
    readonly innerByFile = new Map<string, Set<string>>();
    readonly interfaces = new Set<string>();
    readonly extendsByFile = new Map<string, Set<string>>();
    readonly typeQualifiers = new Set<string>();
    file = '';

    private declare(ctx: ApexParserRuleContext, name: string): void {
        const lower = name.toLowerCase();
        this.declared.add(lower);
        if (ctx.parentCtx instanceof TypeDeclarationContext) {
            this.topLevel.add(lower);
        } else {
            let inner = this.innerByFile.get(this.file);
            if (!inner) {
                inner = new Set();
                this.innerByFile.set(this.file, inner);
            }
            inner.add(lower);
        }
    }

    exitClassDeclaration = (ctx: ClassDeclarationContext): void => {
        this.declare(ctx, ctx.id().getText());
        const parent = ctx.typeRef()?.typeName_list().at(-1)?.id()?.getText();
        if (parent) {
            let parents = this.extendsByFile.get(this.file);
            if (!parents) {
                parents = new Set();
                this.extendsByFile.set(this.file, parents);
            }
            parents.add(parent.toLowerCase());
        }
    };

    exitInterfaceDeclaration = (ctx: InterfaceDeclarationContext): void => {
        this.declare(ctx, ctx.id().getText());
        this.interfaces.add(ctx.id().getText().toLowerCase());
    };

    exitEnumDeclaration = (ctx: EnumDeclarationContext): void => {
        this.declare(ctx, ctx.id().getText());
    };

    exitTypeRef = (ctx: TypeRefContext): void => {
        const names = ctx.typeName_list();
        const first = names.length > 1 ? names[0]?.id() : undefined;
        if (first) {
            this.typeQualifiers.add(first.getText().toLowerCase());
        }
    };
}

/** Parses every file once (syntax errors are rule apex-syntax's) and indexes its declarations. */
export function parseApexFiles(files: string[]): ParsedApex {
    const collector = new DeclarationCollector();
    const parsed = files.map((file) => parse(file, collector));
    return {
        files: parsed,
        declared: collector.declared,
        topLevel: collector.topLevel,
        innerByFile: collector.innerByFile,
        interfaces: collector.interfaces,
        extendsByFile: collector.extendsByFile,
        typeQualifiers: collector.typeQualifiers
    };
}
