import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';

type RouteSchema = Parameters<typeof zodSerializerCompiler>[0];

function zodSchemaOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const wrapped = (schema as { properties?: unknown } | null)?.properties;
  if (wrapped instanceof z.ZodType) return wrapped;
  throw new Error(`response schema is not a Zod schema: ${JSON.stringify(schema)}`);
}

type Json = { [k: string]: unknown };
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);
/** Checks that only validate (never change what is written); fast-json-stringify would run them. */
const VALIDATION_ONLY = new Set([
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'description',
  '$schema',
]);

/**
 * The JSON Schema made for writing, not checking: validation-only keywords dropped, and
 * `anyOf: [{ type: T }, { type: 'null' }]` (Zod's `.nullable()`) turned into `type: [T, 'null']`,
 * which fast-json-stringify writes directly instead of trying each branch with a validator.
 * `enum` and `const` stay: they tell the branches of a discriminated union apart.
 * `additionalProperties: false` goes: undeclared properties are never written either way.
 */
export function forSerialization(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forSerialization);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (VALIDATION_ONLY.has(k)) continue;
    // fast-json-stringify writes declared properties only anyway; `false` would make a branch of
    // `anyOf` (e.g. a nullable object) fail to match an object that carries extra keys.
    if (k === 'additionalProperties' && v === false) continue;
    out[k] =
      k === 'properties' || k === '$defs' || k === 'definitions'
        ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, forSerialization(s)]))
        : forSerialization(v);
  }
  const branches = out.anyOf as Json[] | undefined;
  if (branches?.length === 2) {
    const nullAt = branches.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1);
    const other = branches[1 - nullAt];
    if (nullAt >= 0 && other && typeof other.type === 'string' && PRIMITIVES.has(other.type)) {
      const { anyOf: _, ...rest } = out;
      const { const: literal, ...plain } = other;
      // An enum (or literal) that may be null must list null too, or a branch check rejects it.
      const values = Array.isArray(plain.enum) ? plain.enum : literal !== undefined ? [literal] : null;
      return {
        ...rest,
        ...plain,
        type: [other.type, 'null'],
        ...(values ? { enum: [...values, null] } : {}),
      };
    }
  }
  return out;
}

/**
 * Serialises responses with a stringifier compiled once per route from the JSON Schema of the
 * same Zod contract (fast-json-stringify, what Fastify itself uses). Like Zod's encode it writes
 * only the declared properties, so nothing a presenter did not mean to send leaves the server.
 *
 * With `verify` every response is also checked against the Zod schema first, and a mismatch is a
 * 500 — the test suites run this way, so a presenter that drifts from its contract fails them.
 * Production skips that check: it cost a fifth of a list request's CPU (docs/decisions/0006).
 */
export function createResponseSerializerCompiler(opts: { verify: boolean }) {
  return (route: RouteSchema) => {
    const schema = zodSchemaOf(route.schema);
    const jsonSchema = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
    const stringify = fastJson(forSerialization(jsonSchema) as Parameters<typeof fastJson>[0]);
    if (!opts.verify) return (data: unknown) => stringify(data);
    const checked = zodSerializerCompiler(route);
    return (data: unknown) => {
      checked(data); // throws ResponseSerializationError on a contract mismatch
      return stringify(data);
    };
  };
}
