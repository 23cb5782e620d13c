/**
 * Schema migrations, versioned in the repository: `migrations/NNN-name.sql`, applied in order at
 * start, each in its own transaction with its row in `schema_migrations`. Several services starting
 * at once on PostgreSQL take turns (a table lock); a migration is never edited once released — a
 * change is a new file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';
import type { Database } from './db.ts';

/** Where the migrations are. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations in `dir`, in order; a badly named file is an error, not skipped. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file, i) => {
      const match = /^(\d{3})-([a-z0-9-]+)\.sql$/.exec(file);
      if (!match || Number(match[1]) !== i + 1)
        throw new Error(`${dir}${file}: name migrations 001-name.sql, 002-name.sql… with no gap`);
      return { version: i + 1, name: match[2]!, sql: readFileSync(`${dir}${file}`, 'utf8') };
    });
}

const appliedRow = z.object({ version: z.coerce.number().int() });

/** Applies what `db` lacks; resolves with the versions applied now. */
export async function migrate(
  db: Database,
  options: { now: number; migrations?: readonly Migration[] },
): Promise<number[]> {
  const migrations = options.migrations ?? readMigrations();
  await db.script(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // SQLite's BEGIN IMMEDIATE already holds the only write lock.
      if (db.dialect === 'postgres') await tx.run('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
      const rows = await tx.all('SELECT version FROM schema_migrations WHERE version = ?', [
        migration.version,
      ]);
      if (rows.some((r) => appliedRow.parse(r).version === migration.version)) return false;
      for (const statement of statements(migration.sql)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        options.now,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/**
 * The statements of a migration: split at semicolons that end a line, comments dropped (the
 * migrations hold no semicolon inside a string).
 */
function statements(sql: string): string[] {
  return sql
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
