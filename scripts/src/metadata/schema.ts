import { ApiSchemas } from '@jsforce/jsforce-node/lib/api/metadata/schema';
import { EXTRA_SCHEMA } from './extra-types';

/**
 * The Metadata API type schema: jsforce's bundled copy (generated from the Metadata WSDL)
 * merged with the newer types and elements it lacks (extra-types.ts).
 * A prop's type is 'string' | 'boolean' | 'number' | 'any' | a type name, '?' in front when
 * optional, wrapped in an array when repeatable.
 */
export interface SchemaType {
    type: string;
    props: Record<string, string | string[]>;
    extends?: string;
}

type SchemaMap = Record<string, SchemaType>;

function buildSchema(): SchemaMap {
    const merged: SchemaMap = {};
    const base = ApiSchemas as unknown as Record<string, SchemaType>;
    for (const [name, type] of Object.entries(base)) {
        merged[name] = { ...type, props: { ...type.props } };
    }
    for (const [name, type] of Object.entries(EXTRA_SCHEMA)) {
        const existing = merged[name];
        merged[name] = existing
            ? {
                  ...existing,
                  extends: type.extends ?? existing.extends,
                  props: { ...existing.props, ...type.props }
              }
            : { ...type, props: { ...type.props } };
    }
    return merged;
}

export const METADATA_SCHEMA: SchemaMap = buildSchema();

/** All props of a type, inherited ones included (`extends` chain). */
export function propsOf(
    typeName: string
): Record<string, string | string[]> | undefined {
    const type = METADATA_SCHEMA[typeName];
    if (!type) {
        return undefined;
    }
    const inherited = type.extends ? (propsOf(type.extends) ?? {}) : {};
    return { ...inherited, ...type.props };
}

export interface PropType {
    /** 'string' | 'boolean' | 'number' | 'any' or a complex type name. */
    base: string;
    optional: boolean;
    repeatable: boolean;
}

export function parsePropType(raw: string | string[]): PropType {
    const repeatable = Array.isArray(raw);
    const text = Array.isArray(raw) ? (raw[0] ?? 'any') : raw;
    const optional = text.startsWith('?');
    return {
        base: optional ? text.slice(1) : text,
        optional: optional || repeatable,
        repeatable
    };
}

const PRIMITIVES = new Set(['string', 'boolean', 'number', 'any']);

export function isPrimitive(base: string): boolean {
    return PRIMITIVES.has(base) || !METADATA_SCHEMA[base];
}
