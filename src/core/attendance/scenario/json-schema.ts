// A small JSON Schema validator (the subset the scenario schema uses) with readable error paths.
// Supported: type, properties, required, additionalProperties, items, enum, const, pattern, minimum,
// maximum, minItems, minLength, oneOf / anyOf (a `kind` const picks the branch), $ref to #/$defs.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  description?: string;
  title?: string;
  $defs?: Record<string, JsonSchema>;
  [key: string]: unknown;
};

export interface SchemaError {
  /** Where in the document, e.g. $.shifts[0].segments[1].end */
  path: string;
  message: string;
}

export function validateJson(root: JsonSchema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(root, root, value, '$', errors);
  return errors;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let s = schema;
  while (s.$ref) {
    const name = s.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (!target) throw new Error(`schema: unknown $ref ${s.$ref}`);
    s = { ...target, description: s.description ?? target.description };
  }
  return s;
}

function describe(schema: JsonSchema): string {
  if (schema.description) return schema.description;
  if (schema.enum) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (schema.type) return `of type ${Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type}`;
  return 'valid';
}

function check(root: JsonSchema, raw: JsonSchema, value: unknown, path: string, errors: SchemaError[]): void {
  const schema = resolve(root, raw);
  const actual = typeOf(value);
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, actual))) {
      errors.push({ path, message: `must be ${describe(schema)}, found ${actual}` });
      return;
    }
  }
  if (schema.const !== undefined && value !== schema.const) {
    errors.push({ path, message: `must be ${JSON.stringify(schema.const)}, found ${JSON.stringify(value)}` });
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    errors.push({
      path,
      message: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}, found ${JSON.stringify(value)}`,
    });
    return;
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      errors.push({ path, message: `must not be empty` });
    }
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
      errors.push({ path, message: `must be ${describe(schema)}, found ${JSON.stringify(value)}` });
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      errors.push({ path, message: `must be at least ${schema.minimum}, found ${value}` });
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      errors.push({ path, message: `must be at most ${schema.maximum}, found ${value}` });
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push({ path, message: `must have at least ${schema.minItems} item(s)` });
    }
    if (schema.items) {
      for (const [i, item] of value.entries()) check(root, schema.items, item, `${path}[${i}]`, errors);
    }
  }
  if (
    actual === 'object' &&
    (schema.properties || schema.required || schema.additionalProperties !== undefined)
  ) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in obj)) errors.push({ path, message: `is missing required property "${key}"` });
    }
    for (const [key, v] of Object.entries(obj)) {
      const prop = schema.properties?.[key];
      if (prop) check(root, prop, v, `${path}.${key}`, errors);
      else if (schema.additionalProperties === false) {
        const known = Object.keys(schema.properties ?? {});
        errors.push({
          path: `${path}.${key}`,
          message: `is not a known property${known.length ? ` (known: ${known.join(', ')})` : ''}`,
        });
      } else if (typeof schema.additionalProperties === 'object') {
        check(root, schema.additionalProperties, v, `${path}.${key}`, errors);
      }
    }
  }
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) checkBranches(root, branches, value, path, errors);
}

function checkBranches(
  root: JsonSchema,
  branches: JsonSchema[],
  value: unknown,
  path: string,
  errors: SchemaError[],
): void {
  const resolved = branches.map((b) => resolve(root, b));
  // A `kind` discriminator picks the branch, so the errors speak about the right one.
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const kind = (value as Record<string, unknown>).kind;
    const kinds = resolved.map((b) => b.properties?.kind?.const).filter((k) => k !== undefined);
    if (kinds.length === resolved.length) {
      const branch = resolved.find((b) => b.properties?.kind?.const === kind);
      if (!branch) {
        errors.push({
          path: `${path}.kind`,
          message: `must be one of ${kinds.map((k) => JSON.stringify(k)).join(', ')}, found ${JSON.stringify(kind)}`,
        });
        return;
      }
      check(root, branch, value, path, errors);
      return;
    }
  }
  let best: SchemaError[] | null = null;
  for (const b of resolved) {
    const e: SchemaError[] = [];
    check(root, b, value, path, e);
    if (e.length === 0) return;
    if (!best || e.length < best.length) best = e;
  }
  const options = resolved.map((b) => b.description ?? describe(b)).join('; or ');
  errors.push({ path, message: `must be ${options}` });
  if (best) errors.push(...best);
}
