/**
 * `npm run subscribers -- <command>`: the subscription service and the commands that let the
 * business own its list. Everything it touches (environment, clock, output, signals) comes in
 * through `SubscribersDeps`, so tests run it whole.
 *
 * Exit codes: 0 done; 1 configuration, environment, database or input file invalid; 2 bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE, loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { scrub } from '../secrets/secrets.ts';
import { displayPath, formatProblems } from '../validation/friendly-errors.ts';
import { parseAddress } from './address.ts';
import { parseSubscribersCsv, subscribersCsv } from './csv.ts';
import { migrate } from './migrate.ts';
import { SUBSCRIBER_POLICY, type SubscriberPolicy } from './policy.ts';
import { describeStorage, openDatabase, startService } from './service.ts';
import {
  readSettings,
  serveSchema,
  storageSchema,
  ENVIRONMENT,
  type StorageSettings,
} from './settings.ts';
import { createStore, type Store } from './store.ts';

export interface SubscribersDeps {
  env: Readonly<Record<string, string | undefined>>;
  now: () => number;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves with the name of the signal that asks the service to stop (SIGTERM, SIGINT). */
  stopSignal: () => Promise<string>;
  /** Changes to SUBSCRIBER_POLICY (tests shorten waits). */
  policy?: Partial<SubscriberPolicy>;
}

const COMMANDS = ['serve', 'export', 'import', 'forget', 'migrate'] as const;

/** Runs the command; resolves to the exit code. */
export async function subscribersMain(
  argv: readonly string[],
  deps: SubscribersDeps,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        content: { type: 'string', default: 'content' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    deps.stderr(`subscribers: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (values.help || command === 'help' ? deps.stdout : deps.stderr)(USAGE);
    return values.help || command === 'help' ? 0 : 2;
  }
  if (!COMMANDS.some((c) => c === command)) {
    deps.stderr(`subscribers: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  const wanted = command === 'import' || command === 'forget' ? 1 : 0;
  if (rest.length !== wanted) {
    deps.stderr(
      `subscribers ${command}: ${wanted ? 'give one argument' : 'takes no argument'}\n${USAGE}`,
    );
    return 2;
  }
  const policy: SubscriberPolicy = { ...SUBSCRIBER_POLICY, ...deps.policy };
  try {
    switch (command) {
      case 'serve':
        return await serve(values.content, deps, policy);
      case 'import':
        return await withStore(deps, policy, (store) =>
          importFile(rest[0]!, values.content, store, deps),
        );
      case 'export':
        return await withStore(deps, policy, async (store) => {
          const csv = subscribersCsv(await store.all());
          if (values.out === undefined) deps.stdout(csv);
          else {
            writeFileSync(values.out, csv, { mode: 0o600 });
            deps.stderr(`subscribers: wrote ${displayPath(values.out)}\n`);
          }
          return 0;
        });
      case 'forget':
        return await withStore(deps, policy, async (store) => {
          const address = parseAddress(rest[0]!);
          const erased = address.ok && (await store.forget(address.address));
          deps.stdout(
            erased
              ? `subscribers: erased every row about ${rest[0]!}\n`
              : `subscribers: no subscriber has the address ${rest[0]!}; nothing to erase\n`,
          );
          return 0;
        });
      case 'migrate':
        return await withStore(deps, policy, () => Promise.resolve(0));
    }
  } catch (error) {
    deps.stderr(`subscribers ${command}: ${scrub(describe(error), secretsOf(deps.env))}\n`);
    return 1;
  }
  return 2;
}

/** Runs the service until a stop signal. */
async function serve(
  content: string,
  deps: SubscribersDeps,
  policy: SubscriberPolicy,
): Promise<number> {
  const settings = readSettings(serveSchema, deps.env);
  const config = loadConfig(content);
  const log = (line: string): void => deps.stdout(`${scrub(line, secretsOf(deps.env))}\n`);
  const service = await startService({
    config,
    configFile: displayPath(join(content, CONFIG_FILE)),
    settings,
    now: deps.now,
    log,
    policy,
  });
  log(`subscribers: listening on ${service.url} (${describeStorage(settings)})`);
  const signal = await deps.stopSignal();
  log(`subscribers: ${signal}: stopping (no new connections; in-flight sends finish)`);
  await service.stop();
  log('subscribers: stopped');
  return 0;
}

/** Opens and migrates the database of the environment, runs `fn`, closes. */
async function withStore(
  deps: SubscribersDeps,
  policy: SubscriberPolicy,
  fn: (store: Store) => Promise<number>,
): Promise<number> {
  const settings: StorageSettings = readSettings(storageSchema, deps.env);
  const db = openDatabase(settings, policy);
  try {
    const applied = await migrate(db, { now: deps.now() });
    if (applied.length)
      deps.stderr(
        `subscribers: applied migration(s) ${applied.join(', ')} to ${describeStorage(settings)}\n`,
      );
    return await fn(createStore(db, policy));
  } finally {
    await db.close();
  }
}

/** `import FILE`: all rows or none; problems listed as file:line:column field: message. */
async function importFile(
  file: string,
  content: string,
  store: Store,
  deps: SubscribersDeps,
): Promise<number> {
  const config: Config = loadConfig(content);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${displayPath(file)}`, { cause: error });
  }
  const now = deps.now();
  const csv = parseSubscribersCsv(text, {
    file: displayPath(file),
    components: new Set(config.components.map((c) => c.id)),
    locale: config.site.locale,
    now,
  });
  if (!csv.ok) {
    deps.stderr(`subscribers import: nothing imported.\n${formatProblems(csv.problems)}\n`);
    return 1;
  }
  const r = await store.importRows(csv.rows, now);
  deps.stdout(
    `subscribers: imported ${r.added} (${r.added - r.confirmations} with recorded consent, ${r.confirmations} asked to confirm — the running service sends those e-mails); ${r.skipped} already on the list, left as they were\n`,
  );
  return 0;
}

/** The values of the secret variables, scrubbed from anything printed. */
function secretsOf(env: Readonly<Record<string, string | undefined>>): string[] {
  const values = [
    env['SUBSCRIBERS_LINK_SECRET'],
    env['SUBSCRIBERS_EVENT_SECRET'],
    env['SUBSCRIBERS_ADMIN_TOKEN'],
    ...[env['SMTP_URL'], env['DATABASE_URL']].map((u) =>
      u && URL.canParse(u) ? new URL(u).password : undefined,
    ),
  ];
  return values.filter((v): v is string => v !== undefined && v !== '');
}

function describe(error: unknown): string {
  const e = error as Error;
  const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
  return `${e.message}${cause}`;
}

const USAGE = `usage: npm run subscribers -- <command> [options]

The e-mail subscription service the status page's form posts to, and the commands that keep its
list in the business's hands. Storage: SQLite (SUBSCRIBERS_DB) or PostgreSQL when DATABASE_URL is set.

commands:
  serve            run the service (HTTP, sender) until SIGTERM; applies migrations first
                   e.g. npm run subscribers -- serve --content content
  export           write every subscriber as CSV to standard output (or --out FILE)
                   e.g. npm run subscribers -- export --out subscribers.csv
  import FILE      add subscribers from CSV; rows without consent_at are asked to confirm
                   e.g. npm run subscribers -- import old-list.csv
  forget ADDRESS   erase every row about an address, deliveries included
                   e.g. npm run subscribers -- forget ada@example.com
  migrate          apply the schema migrations and exit
                   e.g. DATABASE_URL=postgres://heliograph@db/subscribers npm run subscribers -- migrate

options:
  --content DIR    the folder of heliograph.yaml (site, components, subscriptions.url); default content
                   e.g. npm run subscribers -- serve --content /srv/heliograph/content
  --out FILE       export: write the CSV to FILE (mode 600) instead of standard output
                   e.g. npm run subscribers -- export --out /backups/subscribers.csv
  -h, --help       show this text
                   e.g. npm run subscribers -- --help

environment:
${Object.entries(ENVIRONMENT)
  .map(([name, what]) => `  ${name.padEnd(26)}${what}`)
  .join('\n')}

More in docs/subscribers.md.
`;
