/**
 * PostgreSQL through `pg` (pure JavaScript), for running several services on one database. A claim
 * is a row lock: `SELECT … FOR UPDATE SKIP LOCKED` in a transaction that stays open while the
 * message is sent and commits with its outcome, so two services never hold the same delivery, and a
 * service that dies lets its rows go the moment its connection drops: no lease to wait out.
 */
import pg from 'pg';
import type { Database, Executor, Held, Row, SqlValue } from './db.ts';

/** PostgreSQL's type id of BIGINT (and of COUNT's result). */
const INT8 = 20;

/** BIGINT as a number; every other type as pg parses it. */
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  return oid === INT8
    ? Number
    : (pg.types.getTypeParser(oid, format) as (value: string) => unknown);
}

/** Opens a pool of `connections` to `url`. */
export function openPostgres(url: string, options: { connections: number }): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.connections,
    // Times are milliseconds and counts are small: BIGINT fits a JavaScript number exactly.
    types: { getTypeParser: typeParser },
  });
  // An idle connection that breaks (a restarted server) is dropped from the pool, not fatal.
  pool.on('error', () => undefined);
  const executor = (client: pg.Pool | pg.PoolClient): Executor => ({
    all: async (sql, params = []) => (await client.query(numbered(sql), [...params])).rows as Row[],
    run: async (sql, params = []) => (await client.query(numbered(sql), [...params])).rowCount ?? 0,
  });
  const direct = executor(pool);

  return {
    dialect: 'postgres',
    ...direct,
    script: async (sql) => void (await pool.query(sql)),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // A connection whose state is unknown is closed rather than reused.
        client.release(true);
        throw error;
      }
    },
    claim: async (query) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(
          numbered(`${query.select} LIMIT 1 FOR UPDATE OF ${query.lock} SKIP LOCKED`),
          [...query.params],
        );
        const row = rows[0] as Row | undefined;
        if (row === undefined) {
          await client.query('COMMIT');
          client.release();
          return undefined;
        }
        return holding(client, row);
      } catch (error) {
        client.release(true);
        throw error;
      }
    },
    close: () => pool.end(),
  };
}

/** The held row and the open transaction that holds it. */
function holding(client: pg.PoolClient, row: Row): Held {
  return {
    row,
    finish: async (sql: string, params: readonly SqlValue[]) => {
      try {
        await client.query(numbered(sql), [...params]);
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        client.release(true);
        throw error;
      }
    },
    release: async () => {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch (error) {
        client.release(true);
        throw error;
      }
    },
  };
}

const numberedCache = new Map<string, string>();

/** `?` placeholders as PostgreSQL's `$1, $2…` (the shared SQL holds no `?` in a literal). */
function numbered(sql: string): string {
  let out = numberedCache.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    numberedCache.set(sql, out);
  }
  return out;
}
