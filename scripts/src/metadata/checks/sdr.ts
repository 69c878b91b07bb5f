import { existsSync } from 'node:fs';
import path from 'node:path';
import {
    ComponentSet,
    MetadataConverter,
    MetadataResolver,
    RegistryAccess,
    type SourceComponent
} from '@salesforce/source-deploy-retrieve';
import type { Finding } from '../../lib/findings';

/** What SDR (as `sf project deploy start` uses it) makes of the package directories. */
export interface SdrResolution {
    set: ComponentSet;
    /** Every source component and its children (CustomField of CustomObject, ...). */
    components: SourceComponent[];
    /** Absolute path of each component's `-meta.xml` -> its metadata type (SDR's answer). */
    metaFiles: Map<string, MetaFileKind>;
    /** Every file some component owns. */
    claimed: Set<string>;
    findings: Finding[];
}

export interface MetaFileKind {
    typeName: string;
    /** The content file of a "matching content file" type (ApexClass `.cls`, ...). */
    contentFile?: string;
    /** The component's full name (`Account.Name` for a field). */
    fullName: string;
}

/** Files a component owns: its meta.xml, its content and its children's files. */
function filesOf(component: SourceComponent): string[] {
    const files: string[] = [];
    if (component.xml) {
        files.push(component.xml);
    }
    files.push(...component.walkContent());
    for (const child of component.getChildren()) {
        files.push(...filesOf(child));
    }
    return files;
}

function withChildren(component: SourceComponent): SourceComponent[] {
    return [component, ...component.getChildren().flatMap(withChildren)];
}

/** `<path>: <reason>` from an SDR error, split. */
function splitError(message: string): { file?: string; reason: string } {
    const match = /^(\/[^:]+):\s*(.*)$/s.exec(message);
    return match?.[1]
        ? { file: match[1], reason: match[2] ?? message }
        : { reason: message };
}

/**
 * Resolves the package directories with SDR. A file SDR cannot resolve makes `fromSource` throw
 * at the first one; then every file is resolved on its own so that each bad file is a finding
 * and the rest is still checked.
 */
export function resolveWithSdr(
    packageDirs: string[],
    files: string[],
    rel: (file: string) => string
): SdrResolution {
    const findings: Finding[] = [];
    let roots: SourceComponent[];
    try {
        roots = ComponentSet.fromSource(packageDirs)
            .getSourceComponents()
            .toArray();
    } catch {
        const resolver = new MetadataResolver(new RegistryAccess());
        const seen = new Map<string, SourceComponent>();
        for (const file of files) {
            try {
                // Resolved on its own, a `.cls` without its meta file comes back with a guessed
                // meta path (alexed1/LightningFlowComponents flow_action_components/AIConnect):
                // fromSource would have dropped it, so it is left unclaimed for the pairing check.
                for (const component of resolver
                    .getComponentsFromPath(file)
                    .filter((c) => !c.xml || existsSync(c.xml))) {
                    const key = `${component.type.name}:${component.fullName}:${component.xml ?? component.content ?? ''}`;
                    if (!seen.has(key)) {
                        seen.set(key, component);
                    }
                }
            } catch (error) {
                const { file: bad, reason } = splitError(
                    (error as Error).message
                );
                findings.push({
                    file: rel(bad ?? file),
                    message: `source-deploy-retrieve cannot resolve it: ${reason}`,
                    rule: 'sdr-resolve'
                });
            }
        }
        roots = [...seen.values()];
    }
    const set = new ComponentSet(roots);
    const components = roots.flatMap(withChildren);
    const metaFiles = new Map<string, MetaFileKind>();
    for (const component of components) {
        // Children of non-decomposed types (CustomLabel in CustomLabels) share the parent's file.
        if (!component.xml || metaFiles.has(path.resolve(component.xml))) {
            continue;
        }
        const strategy = component.type.strategies?.adapter;
        metaFiles.set(path.resolve(component.xml), {
            typeName: component.type.name,
            fullName: component.fullName,
            contentFile:
                strategy === 'matchingContentFile' && component.content
                    ? path.resolve(component.content)
                    : undefined
        });
    }
    const claimed = new Set(
        roots.flatMap(filesOf).map((file) => path.resolve(file))
    );
    return { set, components, metaFiles, claimed, findings };
}

/** Converts to metadata format, as a deploy does; failures are findings. */
export async function convertWithSdr(
    resolution: SdrResolution,
    packageDir: string,
    rel: (file: string) => string,
    sourceApiVersion: string
): Promise<{ findings: Finding[]; packageXml?: string }> {
    const { set } = resolution;
    set.sourceApiVersion = sourceApiVersion;
    const findings: Finding[] = [];
    try {
        // In memory (a zip buffer, as a deploy sends it): the same conversion, without writing
        // hundreds of files to disk.
        await new MetadataConverter().convert(set, 'metadata', { type: 'zip' });
    } catch (error) {
        findings.push({
            file: rel(packageDir),
            message: `source-deploy-retrieve cannot convert to metadata format: ${(error as Error).message}`,
            rule: 'sdr-convert'
        });
    }
    return { findings, packageXml: await set.getPackageXml() };
}
