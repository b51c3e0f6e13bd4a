// The server's structure check is generated from the zod schemas: on every document type it
// accepts exactly the documents the app's writer could have stored, and its source is ES5.
import * as acorn from 'acorn';
import { z } from 'zod';
import { timelineEntry } from '../../../../main/api/timelineEntry';
import { demoBatches } from '../../../../main/demo/generate';
import { DemoRequirements, type DemoRequirementDoc } from '../../../../main/demo/requirements';
import {
  documentSchemas,
  jsonSchemaOf,
  STRUCTURE_CHECK_SOURCE,
  type JsonSchema,
} from '../../../../main/sync/structureCheck';
import { SCHEMA_VERSION } from '../../../../shared/domain/common';
import { entities, type EntityType } from '../../../../shared/domain/entities';
import { DEFAULT_HEALTH_MODEL } from '../../../../shared/domain/health/model';
import { canonical } from '../../../../shared/domain/merge';
import { DEFAULT_REQUIREMENT_MODEL } from '../../../../shared/rules/requirementPriority';
import { TODAY, testClock } from '../../../helpers/clock';

type Doc = Record<string, unknown>;
type Check = (schema: JsonSchema, value: unknown, path: string, top: boolean) => string | null;

const structureProblem = new Function(`return (${STRUCTURE_CHECK_SOURCE});`)() as Check;
const schemas = documentSchemas();
const NOW = `${TODAY}T09:30:00.000Z`;

/** What the zod schema says: stored as is (true), refused (false), or only a refinement fails. */
function zodVerdict(type: EntityType, doc: Doc): boolean | 'refinement' {
  const result = entities[type].doc.safeParse(doc);
  if (result.success) return canonical(result.data) === canonical(doc);
  return result.error.issues.every((issue) => issue.code === 'custom') ? 'refinement' : false;
}

const STRING_CANDIDATES = [TODAY, NOW, '09:30', 'account:K1', 'issue:K1:X1', 'a@example.com', 'x'];

/**
 * The smallest document a schema allows (with `everyField`, its optional fields too), for types
 * the demo generator does not write.
 */
function minimal(schema: JsonSchema, everyField = false): unknown {
  if (schema === true || schema === false) return 'x';
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return minimal(schema.anyOf[0] as JsonSchema, everyField);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string') {
    const min = Number(schema.minLength ?? 0);
    const fits = (s: string) =>
      s.length >= min &&
      s.length <= Number(schema.maxLength ?? Infinity) &&
      (!schema.pattern || new RegExp(String(schema.pattern)).test(s));
    const found = [...STRING_CANDIDATES, 'x'.repeat(Math.max(min, 1))].find(fits);
    if (found === undefined) throw new Error(`no sample string for ${JSON.stringify(schema)}`);
    return found;
  }
  if (type === 'number' || type === 'integer') return Number(schema.minimum ?? 0);
  if (type === 'boolean') return false;
  if (type === 'array') {
    if (Array.isArray(schema.prefixItems)) {
      return schema.prefixItems.map((s) => minimal(s as JsonSchema, everyField));
    }
    return Array.from({ length: Number(schema.minItems ?? 0) }, () =>
      minimal(schema.items as JsonSchema, everyField),
    );
  }
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const keys = everyField ? Object.keys(properties) : ((schema.required ?? []) as string[]);
  return Object.fromEntries(keys.map((key) => [key, minimal(properties[key], everyField)]));
}

function withSystemFields(type: string, body: Doc): Doc {
  return {
    _id: type === 'account' ? 'account:K1' : `${type}:K1:X1`,
    type,
    accountId: 'account:K1',
    schemaVersion: SCHEMA_VERSION,
    createdAt: NOW,
    createdBy: 'alice',
    updatedAt: NOW,
    updatedBy: 'alice',
    ...body,
  };
}

/** Valid documents of every type: demo documents, a few made by hand, and the minimal one. */
function samplesOf(type: EntityType): Doc[] {
  const samples: Doc[] = [];
  const demo = { seed: 3, today: testClock.today(), user: 'alice' };
  // The requirements library as `csm demo` loads it: team-wide requirements, asks per account.
  const library = new DemoRequirements(demo, 6);
  samples.push(...(library.requirementDocs() as Doc[]).filter((d) => d.type === type).slice(0, 2));
  for (const batch of demoBatches(6, demo)) {
    const byAccount = new Map<string, Doc[]>();
    for (const d of batch as Doc[])
      byAccount.set(String(d.accountId), [...(byAccount.get(String(d.accountId)) ?? []), d]);
    const asks = [...byAccount.values()].flatMap(
      (docs) => library.asksFor(docs as DemoRequirementDoc[]) as Doc[],
    );
    const docs = [...(batch as Doc[]), ...asks];
    samples.push(...docs.filter((d) => d.type === type).slice(0, 2));
  }
  if (type === 'timeline') {
    samples.push(
      timelineEntry({
        accountId: 'account:K1',
        user: 'alice',
        at: NOW,
        action: 'updated',
        target: { _id: 'issue:K1:X1', type: 'issue' },
        targetTitle: 'Login fails',
        changes: [{ field: 'status', from: 'new', to: 'fixed' }],
      }) as unknown as Doc,
    );
  }
  if (type === 'healthModel') samples.push(withSystemFields(type, { ...DEFAULT_HEALTH_MODEL }));
  if (type === 'requirementModel')
    samples.push(withSystemFields(type, { ...DEFAULT_REQUIREMENT_MODEL }));
  for (const made of [minimal(schemas[type]), minimal(schemas[type], true)] as Doc[]) {
    if (zodVerdict(type, made) === true) samples.push(made);
  }
  // As CouchDB sees them: JSON, with no undefined members.
  return samples.slice(0, 3).map((s) => JSON.parse(JSON.stringify(s)) as Doc);
}

type Mutation = { label: string; doc: Doc };

function setAt(doc: Doc, path: (string | number)[], value: unknown, remove = false): Doc {
  const copy = structuredClone(doc);
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

/** Every field (and the first item of every list, two levels deep) spoiled in several ways. */
function mutations(doc: Doc): Mutation[] {
  const out: Mutation[] = [{ label: 'extra field', doc: { ...doc, unknownField: 1 } }];
  const visit = (value: unknown, path: (string | number)[], depth: number) => {
    if (path.length > 0) {
      const label = path.join('.');
      const bad: [string, unknown][] = [
        ['123', 123],
        ['"bogus"', 'bogus'],
        ['null', null],
        ['true', true],
        ['[]', []],
        ['{}', {}],
        ['-1', -1],
        ['1.5', 1.5],
        ['1e9', 1e9],
      ];
      if (typeof value === 'string') {
        bad.push(['""', ''], ['padded', ` ${value} `], ['too long', 'x'.repeat(20_001)]);
      }
      for (const [what, replacement] of bad) {
        out.push({ label: `${label} = ${what}`, doc: setAt(doc, path, replacement) });
      }
      if (typeof path[path.length - 1] === 'string') {
        out.push({ label: `${label} removed`, doc: setAt(doc, path, undefined, true) });
      }
    }
    if (depth > 3) return;
    if (Array.isArray(value)) {
      if (value.length > 0) {
        visit(value[0], [...path, 0], depth + 1);
        out.push({
          label: `${path.join('.')} one more item`,
          doc: setAt(doc, path, [...value, ...Array<unknown>(200).fill(value[0])]),
        });
      }
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (path.length === 0 && key === 'type') continue;
        visit(inner, [...path, key], depth + 1);
      }
      if (path.length > 0) {
        out.push({ label: `${path.join('.')} extra key`, doc: setAt(doc, [...path, 'zz'], 1) });
      }
    }
  };
  visit(doc, [], 0);
  return out;
}

describe('the generated structure check', () => {
  it('has a schema for every document type of the registry', () => {
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(entities).sort());
  });

  it.each(Object.keys(entities) as EntityType[])(
    'agrees with the zod schema of %s on valid and spoiled documents',
    (type) => {
      const samples = samplesOf(type);
      expect(samples.length).toBeGreaterThan(0);
      const disagreements: string[] = [];
      let compared = 0;
      let refused = 0;
      for (const sample of samples) {
        expect(zodVerdict(type, sample)).toBe(true);
        expect(structureProblem(schemas[type], sample, '', true)).toBeNull();
        for (const { label, doc } of mutations(sample)) {
          const expected = zodVerdict(type, doc);
          if (expected === 'refinement') continue;
          const problem = structureProblem(schemas[type], doc, '', true);
          compared++;
          if (problem !== null) refused++;
          if ((problem === null) !== expected) {
            disagreements.push(`${label}: zod ${expected}, generated ${problem ?? 'accepts'}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
      // The spoiled documents really exercise the check.
      expect(refused).toBeGreaterThan(compared / 2);
    },
  );

  it('names the field that is wrong', () => {
    const issue = samplesOf('issue')[0];
    expect(structureProblem(schemas.issue, { ...issue, title: 123 }, '', true)).toBe(
      'title must be of type string',
    );
    expect(structureProblem(schemas.issue, { ...issue, priority: 'bogus' }, '', true)).toMatch(
      /^priority must be one of \["urgentFault"/,
    );
  });

  it('lets CouchDB’s own members through at the top level only', () => {
    const issue = samplesOf('issue')[0];
    const replicated = { ...issue, _rev: '2-b', _revisions: { start: 2, ids: ['b', 'a'] } };
    expect(structureProblem(schemas.issue, replicated, '', true)).toBeNull();
    expect(structureProblem(schemas.issue, { ...issue, _sneaky: 1 }, '', false)).toMatch(
      /not a field/,
    );
  });

  it('refuses at generation what it could not check', () => {
    expect(() => jsonSchemaOf(z.object({ a: z.string().toLowerCase() }), 'lower')).toThrow(
      /overwrite other than trim/,
    );
    expect(() => jsonSchemaOf(z.object({ a: z.string().uuid() }), 'uuid')).not.toThrow();
    expect(() => jsonSchemaOf(z.object({ a: z.number().multipleOf(5) }), 'multiple')).toThrow(
      /multipleOf, which the validator lacks/,
    );
    expect(() => jsonSchemaOf(z.object({ a: z.date() }), 'date')).toThrow();
  });

  it('is plain ES5, with patterns ES5 regular expressions understand', () => {
    expect(() =>
      acorn.parse(`(${STRUCTURE_CHECK_SOURCE})`, { ecmaVersion: 5, sourceType: 'script' }),
    ).not.toThrow();
    const patterns = new Set<string>();
    const collect = (s: unknown) => {
      if (!s || typeof s !== 'object') return;
      const pattern = (s as { pattern?: unknown }).pattern;
      if (typeof pattern === 'string') patterns.add(pattern);
      Object.values(s).forEach(collect);
    };
    collect(schemas);
    expect(patterns.size).toBeGreaterThan(2);
    for (const pattern of patterns) {
      const literal = `/${pattern.replace(/(^|[^\\])\//g, '$1\\/')}/`;
      expect(() => acorn.parse(literal, { ecmaVersion: 5 })).not.toThrow();
    }
  });
});
