/**
 * `npm run subscribers -- …` run in process against each database: help, import (all rows or none,
 * problems with their line and column), export (CSV that imports back), forget (every row about an
 * address, deliveries included), and serve refusing to start without its secrets or its URL.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { subscribersMain } from '../../src/lib/subscribers/cli.ts';
import {
  freshDatabase,
  snapshot,
  storeVariants,
  writeContent,
  type TestDatabase,
} from './support.ts';

const NOW = Date.parse('2026-11-21T09:00:00Z');

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await subscribersMain(args, {
    env,
    now: () => NOW,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stopSignal: () => Promise.resolve('SIGTERM'),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('--help lists each command and option, each with an example', async () => {
  const { code, stdout } = await run(['--help']);
  expect(code).toBe(0);
  for (const item of [
    'serve',
    'export',
    'import FILE',
    'forget ADDRESS',
    'migrate',
    '--content DIR',
    '--out FILE',
    '-h, --help',
  ]) {
    const line = stdout.split('\n').findIndex((l) => l.startsWith(`  ${item} `));
    expect(line, item).toBeGreaterThan(0);
    expect(stdout.split('\n')[line + 1], `${item}: example`).toMatch(
      /^\s+e\.g\. .*npm run subscribers -- /,
    );
  }
  for (const name of [
    'DATABASE_URL',
    'SUBSCRIBERS_LINK_SECRET',
    'SMTP_URL',
    'SUBSCRIBERS_ADMIN_TOKEN',
  ])
    expect(stdout).toContain(name);
  expect((await run(['launch'])).code).toBe(2);
  expect((await run(['forget'])).code).toBe(2);
  expect((await run([])).code).toBe(2);
});

test('serve refuses to start without its secrets, naming them and never a value', async () => {
  const content = writeContent();
  const { code, stderr } = await run(['serve', '--content', content], {
    SUBSCRIBERS_LINK_SECRET: 'tooShortSecret1',
    SMTP_URL: 'smtp://user:SmtpPassw0rd@127.0.0.1:1',
  });
  expect(code).toBe(1);
  expect(stderr).toContain('SUBSCRIBERS_LINK_SECRET is too short');
  expect(stderr).toContain('SUBSCRIBERS_EVENT_SECRET is not set');
  expect(stderr).not.toContain('SmtpPassw0rd');
  expect(stderr).not.toContain('tooShortSecret1');
});

describe.each(await storeVariants())('$name', ({ kind, url, skip }) => {
  let db: TestDatabase;
  let content: string;
  beforeAll(async () => {
    if (skip) return;
    db = await freshDatabase(kind, url);
    content = writeContent();
  });
  afterAll(async () => {
    if (!skip) await db.drop();
  });

  test.skipIf(skip)(
    'import: a file with a bad row imports nothing and names file, line, column and field',
    async () => {
      const file = join(content, 'bad.csv');
      writeFileSync(
        file,
        'email,locale,components,consent_at\nada@example.com,en,shop,2026-01-01T00:00:00Z\nnot-an-address,de,shop nope,yesterday\n',
      );
      const { code, stderr } = await run(['import', file, '--content', content], db.env);
      expect(code).toBe(1);
      expect(stderr).toContain('nothing imported');
      expect(stderr).toMatch(/bad\.csv:3:1 email: not an e-mail address: "not-an-address"/);
      expect(stderr).toMatch(/bad\.csv:3:2 locale: "de": use en, it, fr/);
      expect(stderr).toMatch(/bad\.csv:3:3 components: no component "nope"/);
      expect(stderr).toMatch(/bad\.csv:3:4 consent_at: "yesterday" is not an ISO 8601 time/);
      expect((await snapshot(db))['subscribers']).toEqual([]);
    },
  );

  test.skipIf(skip)(
    'import: consent recorded means subscribed; no consent means a confirmation request only',
    async () => {
      const file = join(content, 'list.csv');
      writeFileSync(
        file,
        [
          'email,locale,components,consent_at,confirmed_at',
          'Ada@Example.com,it,shop delivery,2025-06-01T10:00:00Z,2025-06-01T10:05:00Z',
          'bob@example.com,,,2025-07-01T10:00:00Z,',
          'carol@example.com,fr,,,',
        ].join('\n'),
      );
      const first = await run(['import', file, '--content', content], db.env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toBe(
        'subscribers: imported 3 (2 with recorded consent, 1 asked to confirm — the running service sends those e-mails); 0 already on the list, left as they were\n',
      );
      const again = await run(['import', file, '--content', content], db.env);
      expect(again.stdout).toContain('imported 0 (');
      expect(again.stdout).toContain('3 already on the list');
      const tables = await snapshot(db);
      const deliveries = tables['deliveries']!.map(
        (r) => JSON.parse(String(r)) as { kind: string; message: string },
      );
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({ kind: 'confirm', message: `confirm:${NOW}` });
    },
  );

  test.skipIf(skip)('export writes CSV that imports back the same', async () => {
    const { code, stdout } = await run(['export'], db.env);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'email,locale,components,source,created_at,consent_at,confirmed_at',
        'ada@example.com,it,delivery shop,import,2026-11-21T09:00:00.000Z,2025-06-01T10:00:00.000Z,2025-06-01T10:05:00.000Z',
        'bob@example.com,en,,import,2026-11-21T09:00:00.000Z,2025-07-01T10:00:00.000Z,2026-11-21T09:00:00.000Z',
        'carol@example.com,fr,,import,2026-11-21T09:00:00.000Z,,',
        '',
      ].join('\n'),
    );
    const copy = await freshDatabase(kind, url);
    try {
      const file = join(content, 'export.csv');
      expect((await run(['export', '--out', file], db.env)).code).toBe(0);
      expect((await run(['import', file, '--content', content], copy.env)).code).toBe(0);
      expect((await run(['export'], copy.env)).stdout).toBe(stdout);
    } finally {
      await copy.drop();
    }
  });

  test.skipIf(skip)('forget erases every row about an address, deliveries included', async () => {
    const { code, stdout } = await run(['forget', 'CAROL@example.com'], db.env);
    expect(code).toBe(0);
    expect(stdout).toBe('subscribers: erased every row about CAROL@example.com\n');
    const tables = await snapshot(db);
    expect(JSON.stringify(tables)).not.toMatch(/carol/i);
    expect(tables['deliveries']).toEqual([]);
    expect((await run(['forget', 'carol@example.com'], db.env)).stdout).toContain(
      'nothing to erase',
    );
  });
});
