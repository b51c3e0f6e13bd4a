// The structure check the team server runs in validate_doc_update: JSON Schemas generated from
// the same zod schemas the app writes with (the entity registry), and a small JSON-Schema
// validator in plain ES5, so the check runs in Apache CouchDB 3's SpiderMonkey as well as in
// the npm team server. Cross-field rules (zod refinements) stay with the app's writer; the
// server checks what a document is made of.
import { z } from 'zod';
import { entities } from '../../shared/domain/entities';

export type JsonSchema = { [keyword: string]: unknown } | boolean;

/** Keywords the ES5 validator below enforces. */
const ENFORCED = new Set([
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'anyOf',
  'allOf',
  'x-trim',
]);
/** Annotations that carry no rule (a format always comes with its pattern, checked below). */
const ANNOTATIONS = new Set(['$schema', 'default', 'description', 'title', 'format']);

/**
 * Marks strings zod trims: zod stores them trimmed, so a stored value must equal its trim.
 * Any other overwrite (lower-casing ...) cannot be expressed and is refused at generation.
 */
function markTrim(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const def = (ctx.zodSchema as { _zod?: { def?: { checks?: unknown[] } } })._zod?.def;
  for (const check of def?.checks ?? []) {
    const checkDef = (check as { _zod: { def: { check: string; tx?: (v: string) => string } } })
      ._zod.def;
    if (checkDef.check !== 'overwrite') continue;
    if (checkDef.tx?.(' \tx\n ') !== 'x') {
      throw new Error('structure check: a zod overwrite other than trim cannot be checked');
    }
    ctx.jsonSchema['x-trim'] = true;
  }
}

/** Drops annotations and refuses any keyword the validator would not enforce (nothing silent). */
function enforceable(schema: unknown, where: string): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new Error(`structure check: ${where} is not a schema`);
  }
  const source = schema as Record<string, unknown>;
  if (source.format !== undefined && source.pattern === undefined) {
    throw new Error(
      `structure check: ${where} has format ${String(source.format)} without a pattern`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(source)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (!ENFORCED.has(keyword)) {
      throw new Error(`structure check: ${where} uses ${keyword}, which the validator lacks`);
    }
    if (keyword === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          enforceable(v, `${where}.${k}`),
        ]),
      );
    } else if (keyword === 'prefixItems' || keyword === 'anyOf' || keyword === 'allOf') {
      out[keyword] = (value as unknown[]).map((v, i) =>
        enforceable(v, `${where}.${keyword}[${i}]`),
      );
    } else if (keyword === 'items' || keyword === 'additionalProperties') {
      out[keyword] = enforceable(value, `${where}.${keyword}`);
    } else {
      out[keyword] = value;
    }
  }
  return out;
}

/** One zod schema as the JSON Schema the server checks (the stored, i.e. output, shape). */
export function jsonSchemaOf(schema: z.ZodType, name: string): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'throw',
    override: (ctx) => markTrim(ctx as never),
  });
  return enforceable(generated, name);
}

/** Every document type's stored shape, from the entity registry. */
export function documentSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(entities).map(([type, entity]) => [type, jsonSchemaOf(entity.doc, type)]),
  );
}

/**
 * `structureProblem(schema, value, path, top)`: null when the value has the schema's shape,
 * else the first problem in words. Plain ES5 (no let/const, arrows or template strings).
 * At the top level, CouchDB's own `_` members (`_revisions`, `_attachments`, ...) pass.
 */
export const STRUCTURE_CHECK_SOURCE = `function structureProblem(schema, value, path, top) {
  var i, key, problem, names, allowed;
  var where = path === '' ? 'the document' : path;
  function isArray(v) { return Object.prototype.toString.call(v) === '[object Array]'; }
  function isObject(v) { return typeof v === 'object' && v !== null && !isArray(v); }
  function same(a, b) { return a === b || JSON.stringify(a) === JSON.stringify(b); }
  function hasType(type, v) {
    if (type === 'string') return typeof v === 'string';
    if (type === 'number') return typeof v === 'number' && isFinite(v);
    if (type === 'integer') return typeof v === 'number' && isFinite(v) && Math.floor(v) === v;
    if (type === 'boolean') return typeof v === 'boolean';
    if (type === 'null') return v === null;
    if (type === 'array') return isArray(v);
    if (type === 'object') return isObject(v);
    return false;
  }
  if (schema === true) return null;
  if (schema === false) return where + ' is not allowed';
  if (schema.type !== undefined) {
    var types = isArray(schema.type) ? schema.type : [schema.type];
    var typed = false;
    for (i = 0; i < types.length; i++) if (hasType(types[i], value)) typed = true;
    if (!typed) return where + ' must be of type ' + types.join(' or ');
  }
  if ('const' in schema && !same(schema['const'], value)) {
    return where + ' must be ' + JSON.stringify(schema['const']);
  }
  if (schema['enum'] !== undefined) {
    var listed = false;
    for (i = 0; i < schema['enum'].length; i++) if (same(schema['enum'][i], value)) listed = true;
    if (!listed) return where + ' must be one of ' + JSON.stringify(schema['enum']);
  }
  if (schema.anyOf !== undefined) {
    var matched = false;
    for (i = 0; i < schema.anyOf.length; i++) {
      if (structureProblem(schema.anyOf[i], value, path, top) === null) matched = true;
    }
    if (!matched) return where + ' matches none of its allowed shapes';
  }
  if (schema.allOf !== undefined) {
    for (i = 0; i < schema.allOf.length; i++) {
      problem = structureProblem(schema.allOf[i], value, path, top);
      if (problem !== null) return problem;
    }
  }
  if (typeof value === 'string') {
    if (schema['x-trim'] && value !== value.trim()) {
      return where + ' must not start or end with spaces';
    }
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      return where + ' must have at least ' + schema.minLength + ' characters';
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      return where + ' must have at most ' + schema.maxLength + ' characters';
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
      return where + ' is not in the expected format';
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      return where + ' must be at least ' + schema.minimum;
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      return where + ' must be at most ' + schema.maximum;
    }
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
      return where + ' must be more than ' + schema.exclusiveMinimum;
    }
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
      return where + ' must be less than ' + schema.exclusiveMaximum;
    }
  }
  if (isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      return where + ' must have at least ' + schema.minItems + ' items';
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      return where + ' must have at most ' + schema.maxItems + ' items';
    }
    var prefix = schema.prefixItems || [];
    for (i = 0; i < value.length; i++) {
      var itemSchema = i < prefix.length ? prefix[i] : schema.items;
      if (itemSchema === undefined) continue;
      problem = structureProblem(itemSchema, value[i], path + '[' + i + ']', false);
      if (problem !== null) return problem;
    }
  }
  if (isObject(value)) {
    var properties = schema.properties || {};
    var required = schema.required || [];
    for (i = 0; i < required.length; i++) {
      if (!Object.prototype.hasOwnProperty.call(value, required[i]) ||
          value[required[i]] === undefined) {
        return (path === '' ? '' : path + '.') + required[i] + ' is required';
      }
    }
    names = [];
    for (key in value) {
      // As JSON: a member whose value is undefined is not there.
      if (Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined) {
        names.push(key);
      }
    }
    for (i = 0; i < names.length; i++) {
      key = names[i];
      var keyPath = path === '' ? key : path + '.' + key;
      if (Object.prototype.hasOwnProperty.call(properties, key)) {
        problem = structureProblem(properties[key], value[key], keyPath, false);
        if (problem !== null) return problem;
      } else if (!(top && key.charAt(0) === '_') && schema.additionalProperties !== undefined) {
        allowed = schema.additionalProperties;
        if (allowed === false) return keyPath + ' is not a field of this document';
        problem = structureProblem(allowed, value[key], keyPath, false);
        if (problem !== null) return problem;
      }
    }
  }
  return null;
}`;
