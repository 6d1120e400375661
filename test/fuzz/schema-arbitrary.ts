/**
 * JSON Schema (as the OpenAPI document of the API writes it) → fast-check
 * arbitraries. Each generated value carries the kinds of hostile input it
 * contains, so that a failure names its class (see known-open.ts).
 *
 * arbitraryOf follows the schema (and the hints, which put existing ids and
 * current versions where the schema only says "integer"), so requests reach
 * the services; mutatedOf takes such a value and puts, in one of its places,
 * what a careless or malicious client sends: huge and non-finite numbers, -0,
 * very long strings, control and bidirectional characters, impossible dates,
 * wrong types, extra and missing fields.
 */
import fc from 'fast-check';

export type Schema = Record<string, unknown>;

/** A hostile class of input: what KNOWN_OPEN entries name. */
export type HostileKind =
  | 'huge-number'
  | 'non-finite'
  | 'negative-zero'
  | 'precision'
  | 'fraction'
  | 'out-of-range'
  | 'long-string'
  | 'control-char'
  | 'bidi'
  | 'unnormalized'
  | 'lone-surrogate'
  | 'blank'
  | 'impossible-date'
  | 'far-date'
  | 'markup'
  | 'wrong-type'
  | 'extra-field'
  | 'missing-field'
  | 'too-many-items';

/** A number written as raw JSON text (1e999 parses to Infinity; JSON.stringify cannot write it). */
export class RawNumber {
  constructor(readonly text: string) {}
}

export interface Tagged {
  value: unknown;
  kinds: readonly HostileKind[];
}

/** Where a field's name says more than its schema: ids of existing rows, the version the object has now. */
export interface Hints {
  /** An arbitrary for an integer field of this name (ids from the database), or undefined. */
  integer(name: string): fc.Arbitrary<unknown> | undefined;
  /** An arbitrary for a string field of this name (the sample notice's content), or undefined. */
  string(name: string): fc.Arbitrary<unknown> | undefined;
}

export const NO_HINTS: Hints = { integer: () => undefined, string: () => undefined };

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const clean = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Tagged> => value.map((v) => ({ value: v, kinds: [] }));
const tagged = (kind: HostileKind, values: unknown[]): fc.Arbitrary<Tagged> => fc.constantFrom(...values).map((v) => ({ value: v, kinds: [kind] }));

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const PLAIN_TEXT = ['推进重点项目建设', '已完成年度任务的四分之一。', '区商务局', 'a', '完成', '请补充统计口径。', '2026年底前完成'];

function validDate(): fc.Arbitrary<unknown> {
  return fc
    .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
}

function validString(schema: Schema, name: string, hints: Hints): fc.Arbitrary<unknown> {
  const hinted = hints.string(name);
  if (hinted) return hinted;
  if (schema.pattern === DATE_PATTERN) return validDate();
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 60, Math.max(min, 60));
  if (schema.format === 'byte') return fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64'));
  if (schema.format === 'email') return fc.emailAddress();
  return fc.oneof(
    fc.constantFrom(...PLAIN_TEXT.filter((t) => t.length >= min && t.length <= max)),
    fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
  );
}

function validInteger(schema: Schema, name: string, hints: Hints): fc.Arbitrary<unknown> {
  const hinted = hints.integer(name);
  if (hinted) return hinted;
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : Math.max(min, 0) + 1000;
  return fc.integer({ min, max });
}

function validNumber(schema: Schema): fc.Arbitrary<unknown> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
  return fc.oneof(
    fc.integer({ min: Math.ceil(Math.max(min, -1e6)), max: Math.floor(Math.min(max, 1e6)) }),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
  );
}

function hostileString(schema: Schema): fc.Arbitrary<Tagged> {
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 100_000;
  const variants: fc.Arbitrary<Tagged>[] = [
    tagged('long-string', ['字'.repeat(Math.min(max + 1, 3_000_000)), 'a'.repeat(Math.min(max + 1, 3_000_000))]),
    tagged('control-char', ['进度\u0000说明', '\u0007\u001b[31m', 'a\u0000', '\u0085\u2028换行']),
    tagged('bidi', ['\u202e局务商区', '\u2066区商务局\u2069', '\u200f\u200e']),
    tagged('unnormalized', ['e\u0301', 'Å', '\ufb01']),
    tagged('lone-surrogate', ['\ud800', 'a\udfffb']),
    tagged('blank', ['', ' ', '\u3000\u3000', '\t\n']),
    tagged('markup', ['<script>alert(1)</script>', "'; drop table tasks; --", '=HYPERLINK("http://x")', '../../etc/passwd', '%00', '${jndi:x}']),
    tagged('wrong-type', [123, true, null, {}, [], ['a']]),
  ];
  if (schema.pattern === DATE_PATTERN) {
    variants.push(tagged('impossible-date', ['2026-02-30', '2026-13-01', '2026-00-10', '0000-00-00', '2026-04-31', '2025-02-29']));
    variants.push(tagged('far-date', ['0001-01-01', '9999-12-31', '1900-01-01', '2999-06-30']));
  }
  return fc.oneof(...variants);
}

function hostileNumber(schema: Schema, integer: boolean): fc.Arbitrary<Tagged> {
  const variants: fc.Arbitrary<Tagged>[] = [
    tagged('huge-number', [1e308, -1e308, Number.MAX_VALUE, 1.7976931348623157e308, 5e-324]),
    tagged('non-finite', [new RawNumber('1e999'), new RawNumber('-1e999'), new RawNumber('1e400')]),
    tagged('negative-zero', [-0]),
    tagged('precision', [2 ** 53 + 2, 2 ** 63, new RawNumber('12345678901234567890'), new RawNumber('99999999999999999999')]),
    tagged('wrong-type', ['1', '', true, null, [1], { value: 1 }]),
  ];
  if (integer) variants.push(tagged('fraction', [1.5, 0.1, 1e-9]));
  const bounds: number[] = [];
  if (typeof schema.minimum === 'number') bounds.push(schema.minimum - 1, -(2 ** 31));
  if (typeof schema.maximum === 'number') bounds.push(schema.maximum + 1, 2 ** 31);
  if (bounds.length > 0) variants.push(tagged('out-of-range', bounds));
  return fc.oneof(...variants);
}

/** The arbitrary of the values a schema accepts (hints put existing ids and current versions in). */
export function arbitraryOf(schema: unknown, hints: Hints, name = '', depth = 0): fc.Arbitrary<Tagged> {
  if (!isSchema(schema)) return clean(fc.constant(null));
  const child = (s: unknown, n: string) => arbitraryOf(s, hints, n, depth + 1);
  let base: fc.Arbitrary<Tagged>;
  const members = membersOf(schema);
  if (members) base = fc.oneof(...members.map((m) => child(m, name)));
  else if (Array.isArray(schema.enum)) base = clean(fc.constantFrom(...(schema.enum as unknown[])));
  else if (schema.type === 'string') base = clean(validString(schema, name, hints));
  else if (schema.type === 'integer') base = clean(validInteger(schema, name, hints));
  else if (schema.type === 'number') base = clean(validNumber(schema));
  else if (schema.type === 'boolean') base = clean(fc.boolean());
  else if (schema.type === 'array') {
    const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 5;
    base = fc.array(child(schema.items, name), { maxLength: Math.min(maxItems, depth === 0 ? 4 : 3) }).map(merge);
  } else if (isObjectSchema(schema)) base = objectOf(schema, child);
  else base = clean(fc.constant(null));
  if (schema.nullable === true) return fc.oneof({ weight: 1, arbitrary: clean(fc.constant(null)) }, { weight: 4, arbitrary: base });
  return base;
}

const membersOf = (schema: Schema): unknown[] | undefined =>
  Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
const isObjectSchema = (schema: Schema): boolean => schema.type === 'object' || isSchema(schema.properties) || 'additionalProperties' in schema;

/** Hostile values in the place of a value of this schema. */
export function hostileOf(schema: Schema): fc.Arbitrary<Tagged> {
  const members = membersOf(schema);
  if (members) {
    const first = members.find((m) => isSchema(m) && m.nullable !== true) ?? members[0];
    return isSchema(first) ? hostileOf({ ...first, enum: undefined }) : tagged('wrong-type', [{}]);
  }
  if (Array.isArray(schema.enum)) return fc.oneof(tagged('wrong-type', ['未知', 'ON_TRACK', 1, true, {}]), hostileString({}));
  if (schema.type === 'string') return hostileString(schema);
  if (schema.type === 'integer') return hostileNumber(schema, true);
  if (schema.type === 'number') return hostileNumber(schema, false);
  if (schema.type === 'boolean') return tagged('wrong-type', ['true', 0, 1, null, []]);
  if (schema.type === 'array') {
    const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 5;
    const item = isSchema(schema.items) ? schema.items : {};
    return fc.oneof(
      tagged('wrong-type', ['a', 1, null, {}]),
      arbitraryOf(item, NO_HINTS).map((t) => ({
        value: Array.from({ length: Math.min(maxItems + 1, 6000) }, () => t.value),
        kinds: [...t.kinds, 'too-many-items' as const],
      })),
    );
  }
  if (isObjectSchema(schema)) {
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    return fc.oneof(
      tagged('wrong-type', ['{}', 1, [], null]),
      fc
        .constantFrom({ 多余字段: 1 }, { constructor: 'x' }, { __proto__x: 1 })
        .map((extra) => ({ value: new ExtraFields(extra), kinds: ['extra-field' as const] })),
      ...(required.length > 0 ? [fc.constantFrom(...required).map((field) => ({ value: new MissingField(field), kinds: ['missing-field' as const] }))] : []),
    );
  }
  return tagged('wrong-type', [{}]);
}

/** Mutations that act on the object in place (see mutate). */
class ExtraFields {
  constructor(readonly fields: Record<string, unknown>) {}
}
class MissingField {
  constructor(readonly field: string) {}
}

interface Slot {
  /** Keys from the root to the value (empty: the root). */
  path: (string | number)[];
  schema: Schema;
}

/** Every place of a valid value (and every optional field it left out) where a hostile value can go. */
function slotsOf(schema: unknown, value: unknown, path: (string | number)[] = []): Slot[] {
  if (!isSchema(schema)) return [];
  const members = membersOf(schema);
  if (members) {
    const structured = members.find((m) => isSchema(m) && (isObjectSchema(m) || m.type === 'array'));
    return structured && value !== null && typeof value === 'object' ? slotsOf(structured, value, path) : [{ path, schema }];
  }
  const slots: Slot[] = [{ path, schema }];
  if (schema.type === 'array' && Array.isArray(value) && isSchema(schema.items)) {
    const items = schema.items;
    value.forEach((v, i) => slots.push(...slotsOf(items, v, [...path, i])));
    if (value.length === 0) slots.push({ path: [...path, 0], schema: items });
  }
  if (isObjectSchema(schema) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const properties = isSchema(schema.properties) ? schema.properties : {};
    for (const [key, sub] of Object.entries(properties)) slots.push(...slotsOf(sub, (value as Record<string, unknown>)[key], [...path, key]));
  }
  return slots;
}

function setAt(root: unknown, path: (string | number)[], hostile: unknown): unknown {
  if (path.length === 0) return applyAt(root, hostile);
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head as string] = setAt(copy[head as string], rest, hostile);
  return copy;
}

function applyAt(current: unknown, hostile: unknown): unknown {
  const object = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  if (hostile instanceof ExtraFields) return { ...object, ...hostile.fields };
  if (hostile instanceof MissingField) {
    return Object.fromEntries(Object.entries(object).filter(([key]) => key !== hostile.field));
  }
  return hostile;
}

/** A valid value of the schema with one of its places (a field, an item, the whole) made hostile. */
export function mutatedOf(schema: Schema, hints: Hints): fc.Arbitrary<Tagged> {
  return arbitraryOf(schema, hints).chain((valid) => {
    const slots = slotsOf(schema, valid.value);
    return fc
      .constantFrom(...slots)
      .chain((slot) => hostileOf(slot.schema).map((h) => ({ value: setAt(valid.value, slot.path, h.value), kinds: [...valid.kinds, ...h.kinds] })));
  });
}

function objectOf(schema: Schema, child: (s: unknown, name: string) => fc.Arbitrary<Tagged>): fc.Arbitrary<Tagged> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const fields: Record<string, fc.Arbitrary<Tagged | undefined>> = {};
  for (const [key, sub] of Object.entries(properties))
    fields[key] = required.has(key) ? child(sub, key) : fc.option(child(sub, key), { nil: undefined, freq: 1 });
  let record: fc.Arbitrary<Tagged> = fc.record(fields).map((r) => {
    const value: Record<string, unknown> = {};
    const kinds: HostileKind[] = [];
    for (const [key, t] of Object.entries(r)) {
      if (t === undefined) continue;
      value[key] = t.value;
      kinds.push(...t.kinds);
    }
    return { value, kinds };
  });
  if (isSchema(schema.additionalProperties)) {
    const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), child(schema.additionalProperties, ''), { maxKeys: 3 });
    record = fc.tuple(record, extra).map(([r, d]) => ({
      value: { ...(r.value as object), ...Object.fromEntries(Object.entries(d).map(([k, t]) => [k, t.value])) },
      kinds: [...r.kinds, ...Object.values(d).flatMap((t) => t.kinds)],
    }));
  }
  return record;
}

function merge(items: Tagged[]): Tagged {
  return { value: items.map((t) => t.value), kinds: items.flatMap((t) => t.kinds) };
}

/** JSON text of a generated value, RawNumbers written as they are. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawNumber) {
      raws.push(v.text);
      return `@@raw${raws.length - 1}@@`;
    }
    return v;
  });
  return text.replace(/"@@raw(\d+)@@"/g, (_m, i: string) => raws[Number(i)] ?? 'null');
}

/** A generated value as query text. */
export function toQueryText(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return toJson(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
