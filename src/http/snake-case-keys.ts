import { z } from "zod";
import { snakeCase } from "./snake-case.js";

/** How the keys of values of one schema are renamed; null where nothing inside is renamed. */
type Renaming =
  | { kind: "object"; fields: ReadonlyMap<string, { name: string; inner: Renaming | null }> }
  | { kind: "array"; element: Renaming }
  | { kind: "union"; discriminator: string; options: ReadonlyMap<unknown, Renaming | null> };

interface Walked {
  /** The schema with snake_case keys; the very same schema where nothing inside is renamed. */
  snake: z.ZodType;
  toApi: Renaming | null;
  fromApi: Renaming | null;
}

/** Schemas with no keys of their own inside: taken as they are (`z.any()` keeps opaque data as sent). */
const leafTypes = new Set([
  "string",
  "number",
  "boolean",
  "bigint",
  "null",
  "undefined",
  "literal",
  "enum",
  "any",
  "unknown",
  "date",
  "nan",
  "never",
  "void",
  "template_literal",
]);

const unchanged = (schema: z.ZodType): Walked => ({ snake: schema, toApi: null, fromApi: null });

/** A rebuilt schema keeps the original's description and examples (not its id, which must stay unique). */
function withMetaOf<T extends z.ZodType>(original: z.ZodType, rebuilt: T): T {
  const { id: _id, ...meta } = z.globalRegistry.get(original) ?? {};
  return Object.keys(meta).length > 0 ? rebuilt.meta(meta) : rebuilt;
}

function walkObject(schema: z.ZodObject): Walked {
  if ((schema.def.checks ?? []).length > 0) {
    throw new Error("snake_case keys: a refined object's checks would read the old keys");
  }
  const shape: Record<string, z.ZodType> = {};
  const toApi = new Map<string, { name: string; inner: Renaming | null }>();
  const fromApi = new Map<string, { name: string; inner: Renaming | null }>();
  let renamed = false;
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const apiName = snakeCase(name);
    if (apiName in shape) throw new Error(`snake_case keys: ${name} and another key are both ${apiName}`);
    const inner = walk(field);
    shape[apiName] = inner.snake;
    toApi.set(name, { name: apiName, inner: inner.toApi });
    fromApi.set(apiName, { name, inner: inner.fromApi });
    renamed ||= apiName !== name || inner.snake !== field;
  }
  if (!renamed) return unchanged(schema);
  return {
    snake: withMetaOf(schema, schema.clone({ ...schema.def, shape })),
    toApi: { kind: "object", fields: toApi },
    fromApi: { kind: "object", fields: fromApi },
  };
}

function walkUnion(schema: z.ZodUnion): Walked {
  const options = schema.options.map((option) => walk(option as z.ZodType));
  if (options.every((option, i) => option.snake === schema.options[i])) return unchanged(schema);
  const discriminator = (schema.def as { discriminator?: string }).discriminator;
  if (discriminator === undefined) {
    throw new Error("snake_case keys: only a discriminated union can tell which option's keys a value has");
  }
  const toApi = new Map<unknown, Renaming | null>();
  const fromApi = new Map<unknown, Renaming | null>();
  for (const [i, option] of schema.options.entries()) {
    const tag = (option as z.ZodObject).shape[discriminator];
    if (!(tag instanceof z.ZodLiteral)) {
      throw new Error(`snake_case keys: the union's ${discriminator} must be a literal in each option`);
    }
    for (const value of tag.values) {
      toApi.set(value, options[i]?.toApi ?? null);
      fromApi.set(value, options[i]?.fromApi ?? null);
    }
  }
  return {
    snake: withMetaOf(
      schema,
      schema.clone({
        ...schema.def,
        discriminator: snakeCase(discriminator),
        options: options.map((o) => o.snake),
      } as z.ZodUnion["def"]),
    ),
    toApi: { kind: "union", discriminator, options: toApi },
    fromApi: { kind: "union", discriminator: snakeCase(discriminator), options: fromApi },
  };
}

function walk(schema: z.ZodType): Walked {
  if (schema instanceof z.ZodObject) return walkObject(schema);
  if (schema instanceof z.ZodUnion) return walkUnion(schema);
  if (schema instanceof z.ZodArray) {
    const element = walk(schema.element as z.ZodType);
    if (element.snake === schema.element) return unchanged(schema);
    return {
      snake: withMetaOf(schema, schema.clone({ ...schema.def, element: element.snake })),
      toApi: element.toApi && { kind: "array", element: element.toApi },
      fromApi: element.fromApi && { kind: "array", element: element.fromApi },
    };
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    const inner = walk(schema.unwrap() as z.ZodType);
    if (inner.snake === schema.unwrap()) return unchanged(schema);
    const def = { ...schema.def, innerType: inner.snake };
    // A default is a value of the inner schema, so it has the API's keys too; it is read through
    // the original's getter, which hands out a copy each time.
    if (schema instanceof z.ZodDefault) {
      const { def: original } = schema;
      Object.defineProperty(def, "defaultValue", {
        get: () => rename(original.defaultValue, inner.toApi),
        enumerable: true,
      });
    }
    return {
      snake: withMetaOf(schema, schema.clone(def as never)),
      toApi: inner.toApi,
      fromApi: inner.fromApi,
    };
  }
  if (leafTypes.has(schema.def.type)) return unchanged(schema);
  throw new Error(`snake_case keys: cannot look inside a ${schema.def.type} schema`);
}

/** Renames the keys `renaming` knows at every level; keys and values it does not know pass as they are. */
function rename(value: unknown, renaming: Renaming | null): unknown {
  if (renaming === null || typeof value !== "object" || value === null) return value;
  if (renaming.kind === "array") {
    return Array.isArray(value) ? value.map((element) => rename(element, renaming.element)) : value;
  }
  if (Array.isArray(value)) return value;
  if (renaming.kind === "union") {
    const option = renaming.options.get((value as Record<string, unknown>)[renaming.discriminator]);
    return option === undefined ? value : rename(value, option);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const field = renaming.fields.get(key);
      return field === undefined ? [key, inner] : [field.name, rename(inner, field.inner)];
    }),
  );
}

/** Renames the keys of a dotted field path (`mailing.ratePerSecond`); indexes and unknown keys stay. */
function renamePath(segments: readonly string[], renaming: Renaming | null): string[] {
  const [segment, ...rest] = segments;
  if (segment === undefined) return [];
  if (renaming === null) return [...segments];
  if (renaming.kind === "array") return [segment, ...renamePath(rest, renaming.element)];
  // Without the value, the option is the one that has this key.
  const objects =
    renaming.kind === "union"
      ? [...renaming.options.values()].filter((o) => o?.kind === "object")
      : [renaming];
  for (const object of objects) {
    const field = object.kind === "object" ? object.fields.get(segment) : undefined;
    if (field !== undefined) return [field.name, ...renamePath(rest, field.inner)];
  }
  return [...segments];
}

/** A camelCase object schema as the API shows it: snake_case keys at every level, derived from the schema. */
export interface SnakeCaseKeys {
  /** The same schema with snake_case keys, for validation and the OpenAPI document. */
  schema: z.ZodObject;
  /** A value of the schema with its keys in snake_case. */
  toApi(value: unknown): unknown;
  /** A value sent with snake_case keys, with the schema's own keys. */
  fromApi(value: unknown): unknown;
  /** A field path in the schema's keys (`mailing.ratePerSecond`) in snake_case (`mailing.rate_per_second`). */
  apiPath(field: string): string;
}

/**
 * Derives the snake_case view of `schema`. Only the schema's keys are renamed: what it takes as
 * opaque (`z.any()`) passes through as it is. Throws for a schema it cannot rename reliably.
 */
export function snakeCaseKeys(schema: z.ZodObject): SnakeCaseKeys {
  const walked = walkObject(schema);
  return {
    schema: walked.snake as z.ZodObject,
    toApi: (value) => rename(value, walked.toApi),
    fromApi: (value) => rename(value, walked.fromApi),
    apiPath: (field) => renamePath(field === "" ? [] : field.split("."), walked.toApi).join("."),
  };
}
