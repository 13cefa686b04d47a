// Queries built and compiled once. Kysely builds and compiles a query each time it runs: some 25–40 µs, which
// on the punch path (a dozen queries a punch) cost as much as running them. A prepared query is built once per
// dialect with placeholders for its parameters; each run only fills in the values. For queries of fixed shape:
// no `in` lists or optional clauses that change with the values. On PostgreSQL they also run as named
// statements (see `statementNameOf`): the server parses and plans each once per connection, not every time.
import { createHash } from 'node:crypto';
import { type Compilable, CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/** Stands for a named parameter while the query is built. */
class Placeholder {
  constructor(readonly name: string) {}
}

interface Compiled {
  sql: string;
  /** For each parameter of the SQL: the name of the value to put there, or a constant of the query itself. */
  slots: ({ name: string } | { constant: unknown })[];
}

/** The SQL of every prepared query, with the name its statement has on a PostgreSQL connection. */
const statementNames = new Map<string, string>();

/**
 * The statement name under which a PostgreSQL connection keeps this SQL prepared, if it is the SQL of a
 * prepared query (src/db/database.ts sends those as named statements). A bounded set: one per prepared query.
 */
export function statementNameOf(sql: string): string | undefined {
  return statementNames.get(sql);
}

export type PreparedQuery<P, O> = (db: Kysely<Database>, params: P) => Promise<O[]>;

/**
 * A query of fixed shape, built by `build` (a query builder or a raw `sql` query) with `p.<name>` wherever a
 * value goes. Returns a function that runs
 * it on a database or transaction with the given values, answering the rows (`returning` rows for writes).
 */
export function prepare<P extends Record<string, unknown>, O>(
  build: (db: Kysely<Database>, p: P) => Compilable<O> | RawBuilder<O>,
): PreparedQuery<P, O> {
  // Per dialect (its adapter object is shared by the database and its transactions).
  const compiled = new WeakMap<object, Compiled>();
  const placeholders = new Proxy({} as P, {
    get: (_target, name) => new Placeholder(String(name)),
  });
  const compile = (db: Kysely<Database>): Compiled => {
    // A raw `sql` query compiles against the database; a query builder ignores the argument.
    const built = build(db, placeholders) as { compile(db: Kysely<Database>): CompiledQuery };
    const query = built.compile(db);
    statementNames.set(query.sql, `fc_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`);
    return {
      sql: query.sql,
      slots: query.parameters.map((value) =>
        value instanceof Placeholder ? { name: value.name } : { constant: value },
      ),
    };
  };
  return async (db, params) => {
    const dialect = db.getExecutor().adapter;
    let c = compiled.get(dialect);
    if (!c) {
      c = compile(db);
      compiled.set(dialect, c);
    }
    const values = c.slots.map((slot) => ('name' in slot ? (params[slot.name] ?? null) : slot.constant));
    const result = await db.executeQuery<O>(CompiledQuery.raw(c.sql, values));
    return result.rows;
  };
}
