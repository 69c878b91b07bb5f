import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    ComponentSet,
    MetadataConverter,
    type SourceComponent
} from '@salesforce/source-deploy-retrieve';
import type { Finding } from '../../lib/findings';

export interface SdrResult {
    findings: Finding[];
    /** `Type:FullName` of every component SDR resolved, sorted. */
    components: string[];
    /** package.xml as SDR would deploy it. */
    packageXml?: string;
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

/**
 * Resolves the package directories with SDR (as `sf project deploy start` does) and converts them
 * to metadata format in a temporary folder. Reports what SDR rejects, and every source file that
 * no component claims (SDR drops those silently, so they would never reach the org).
 */
export async function checkWithSdr(
    packageDirs: string[],
    files: string[],
    rel: (file: string) => string,
    sourceApiVersion: string
): Promise<SdrResult> {
    let set: ComponentSet;
    try {
        set = ComponentSet.fromSource(packageDirs);
    } catch (error) {
        const message = (error as Error).message;
        const match = /^(\/[^:]+):\s*(.*)$/s.exec(message);
        return {
            findings: [
                {
                    file: match?.[1]
                        ? rel(match[1])
                        : rel(packageDirs[0] ?? '.'),
                    message: `source-deploy-retrieve cannot resolve it: ${match?.[2] ?? message}`,
                    rule: 'sdr-resolve'
                }
            ],
            components: []
        };
    }
    set.sourceApiVersion = sourceApiVersion;
    const sourceComponents = set.getSourceComponents().toArray();
    const claimed = new Set(
        sourceComponents.flatMap(filesOf).map((file) => path.resolve(file))
    );
    const findings: Finding[] = files
        .filter((file) => !claimed.has(file))
        .map((file) => ({
            file: rel(file),
            message:
                'not part of any metadata component: a deploy would leave it out',
            rule: 'sdr-unclaimed-file'
        }));
    const output = mkdtempSync(path.join(os.tmpdir(), 'cpk-convert-'));
    try {
        await new MetadataConverter().convert(set, 'metadata', {
            type: 'directory',
            outputDirectory: output,
            genUniqueDir: false
        });
    } catch (error) {
        findings.push({
            file: rel(packageDirs[0] ?? '.'),
            message: `source-deploy-retrieve cannot convert to metadata format: ${(error as Error).message}`,
            rule: 'sdr-convert'
        });
    } finally {
        rmSync(output, { recursive: true, force: true });
    }
    const components = sourceComponents
        .flatMap((component) => [component, ...component.getChildren()])
        .map((component) => `${component.type.name}:${component.fullName}`)
        .sort();
    return { findings, components, packageXml: await set.getPackageXml() };
}
