/**
 * SQLite through `node:sqlite`, built into Node (no native add-on, nothing downloaded at install).
 * One service per file: claims are kept in this process's memory, which a crash empties, so a
 * restarted service resumes at once. WAL lets the CLI (export, forget) read and write beside it;
 * `synchronous = NORMAL` keeps every commit through a process crash (a power cut may lose the last
 * ones, which the sender then sends again: at least once).
 *
 * node:sqlite is synchronous and one connection serves every request, so statements queue behind an
 * open transaction instead of slipping into it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ClaimQuery, Database, Executor, Held, Row, SqlValue } from './db.ts';

/** Opens (creating if needed) the database file at `path`. */
export function openSqlite(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 5_000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const direct: Executor = {
    all: (sql, params = []) => Promise.resolve(prepare(sql).all(...params) as Row[]),
    run: (sql, params = []) => Promise.resolve(Number(prepare(sql).run(...params).changes)),
  };

  // One transaction at a time; statements outside one wait for it.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn);
    queue = result.catch(() => undefined);
    return result;
  };
  const held = new Set<string>();

  return {
    dialect: 'sqlite',
    all: (sql, params) => exclusive(() => direct.all(sql, params)),
    run: (sql, params) => exclusive(() => direct.run(sql, params)),
    script: (sql) => exclusive(() => Promise.resolve(db.exec(sql))),
    transaction: (fn) =>
      exclusive(async () => {
        // IMMEDIATE takes the write lock at once: a second process waits here, not half-way.
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      }),
    claim: (query) =>
      exclusive(async () => {
        // Rows this process holds are skipped; at most `held.size` of them come first.
        const rows = await direct.all(`${query.select} LIMIT ?`, [...query.params, held.size + 1]);
        const row = rows.find((r) => !held.has(query.key(r)));
        return row === undefined ? undefined : hold(row, query);
      }),
    close: () =>
      exclusive(() => {
        db.close();
        return Promise.resolve();
      }),
  };

  function hold(row: Row, query: ClaimQuery): Held {
    const key = query.key(row);
    held.add(key);
    return {
      row,
      finish: (sql: string, params: readonly SqlValue[]) =>
        exclusive(() => direct.run(sql, params)).then(
          () => void held.delete(key),
          (error: unknown) => {
            held.delete(key);
            throw error;
          },
        ),
      release: () => {
        held.delete(key);
        return Promise.resolve();
      },
    };
  }
}
