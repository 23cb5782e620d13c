/**
 * What the store needs of a database, met by SQLite (sqlite.ts, one file, one service) and
 * PostgreSQL (postgres.ts, any number of services). The SQL is written once, in the subset both
 * speak, with `?` placeholders; the drivers differ only where the databases do: transactions and how
 * a delivery is claimed so that no two senders send it.
 */

/** A value bound to a placeholder. */
export type SqlValue = string | number | null;

/** A result row as the driver returns it: parse it before use (rows.ts). */
export type Row = Record<string, unknown>;

/** Runs statements, inside or outside a transaction. */
export interface Executor {
  all: (sql: string, params?: readonly SqlValue[]) => Promise<Row[]>;
  /** Resolves with the number of rows changed. */
  run: (sql: string, params?: readonly SqlValue[]) => Promise<number>;
}

/** A row held by one sender until it says what became of it. */
export interface Held {
  row: Row;
  /** Runs `sql` (the outcome) and lets the row go; the outcome is durable when this resolves. */
  finish: (sql: string, params: readonly SqlValue[]) => Promise<void>;
  /** Lets the row go unchanged. */
  release: () => Promise<void>;
}

/** How to claim one row. */
export interface ClaimQuery {
  /** A SELECT with no LIMIT and no locking clause, ordered by priority. */
  select: string;
  params: readonly SqlValue[];
  /** The alias of the table whose row is held (`FOR UPDATE OF <alias>`). */
  lock: string;
  /** The held row's identity. */
  key: (row: Row) => string;
}

export interface Database extends Executor {
  dialect: 'sqlite' | 'postgres';
  /** Runs several statements separated by semicolons, with no parameters (migrations). */
  script: (sql: string) => Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction: <T>(fn: (tx: Executor) => Promise<T>) => Promise<T>;
  /**
   * The first row of `query.select` that no sender holds, held until `finish` or `release`; a
   * process that dies lets its rows go at once (PostgreSQL: the connection's transaction ends;
   * SQLite: holds live in the one process's memory).
   */
  claim: (query: ClaimQuery) => Promise<Held | undefined>;
  close: () => Promise<void>;
}
