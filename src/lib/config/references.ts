/**
 * What one part of the configuration says of another: the group a component sits in, the
 * component a channel follows, the components of a related set, ids given twice, notification
 * targets that need the subscription service's address. These checks read the YAML as written,
 * item by item, and skip a field the schema refuses (its type is wrong: the schema says so), so
 * that they run even while the file has other problems and every problem is reported in one pass.
 */
import { z } from 'astro/zod';
import { unknownIdMessage } from '../validation/unknown-id.ts';

/** A problem between parts of the configuration: the field it is found at, and why. */
export interface ConfigReferenceProblem {
  path: (string | number)[];
  message: string;
}

/** A text field as written, or undefined when absent or not text. */
const text = z.string().optional().catch(undefined);

/** The parts these checks read; anything else, or anything malformed, reads as absent. */
const list = z.array(z.unknown()).catch([]);
const rawConfig = z
  .looseObject({
    groups: list,
    components: list,
    channels: list,
    related: list,
    notifications: list,
    subscriptions: z.unknown().optional(),
  })
  .catch({
    groups: [],
    components: [],
    channels: [],
    related: [],
    notifications: [],
    subscriptions: undefined,
  });
const item = z
  .looseObject({ id: text, group: text, component: text, kind: text, url: text })
  .catch({});

/** The component ids of a configuration as written (for checking entries against it). */
export function rawComponentIds(value: unknown): Set<string> {
  const ids = rawConfig.parse(value).components.map((c) => item.parse(c).id);
  return new Set(ids.filter((id) => id !== undefined));
}

/** Every reference problem of a configuration as written. */
export function configReferences(value: unknown): ConfigReferenceProblem[] {
  const raw = rawConfig.parse(value);
  const groups = raw.groups.map((g) => item.parse(g));
  const components = raw.components.map((c) => item.parse(c));
  const channels = raw.channels.map((c) => item.parse(c));
  const problems: ConfigReferenceProblem[] = [];
  const add = (path: (string | number)[], message: string): void =>
    void problems.push({ path, message });

  for (const [field, items] of [
    ['groups', groups],
    ['components', components],
    ['channels', channels],
  ] as const) {
    const seen = new Set<string>();
    items.forEach(({ id }, i) => {
      if (id === undefined) return;
      if (seen.has(id)) add([field, i, 'id'], `duplicate id "${id}"`);
      seen.add(id);
    });
  }

  const groupIds = ids(groups);
  const componentIds = ids(components);
  groups.forEach(({ id }, i) => {
    if (id !== undefined && componentIds.includes(id)) {
      add(
        ['groups', i, 'id'],
        `"${id}" is also a component id; groups and components share one id space`,
      );
    }
  });
  components.forEach(({ group }, i) => {
    if (group !== undefined && !groupIds.includes(group)) {
      add(
        ['components', i, 'group'],
        unknownIdMessage({ what: 'group', id: group, known: groupIds }),
      );
    }
  });
  channels.forEach(({ component }, i) => {
    if (component !== undefined && !componentIds.includes(component)) {
      add(
        ['channels', i, 'component'],
        unknownIdMessage({ what: 'component', id: component, known: componentIds }),
      );
    }
  });
  raw.related.forEach((set, i) => {
    const members = list.parse(set);
    const seen = new Set<string>();
    members.forEach((member, j) => {
      const id = text.parse(member);
      if (id === undefined) return;
      if (!componentIds.includes(id)) {
        add(['related', i, j], unknownIdMessage({ what: 'component', id, known: componentIds }));
      } else if (seen.has(id)) {
        add(['related', i, j], `"${id}" is listed twice in this set`);
      }
      seen.add(id);
    });
  });
  problems.push(...targetProblems(raw.notifications, raw.subscriptions));
  return problems;
}

/**
 * Notification targets: each id once (a target's id defaults to its kind), and a subscribers
 * target needs the service's address, its own or `subscriptions.url`.
 */
function targetProblems(
  targets: readonly unknown[],
  subscriptions: unknown,
): ConfigReferenceProblem[] {
  const problems: ConfigReferenceProblem[] = [];
  const seen = new Set<string>();
  targets.forEach((raw, i) => {
    const target = item.parse(raw);
    const id = target.id ?? target.kind;
    if (id === undefined) return;
    if (seen.has(id)) {
      problems.push({
        path: ['notifications', i, target.id === undefined ? 'kind' : 'id'],
        message: `duplicate target id "${id}"${target.id === undefined ? ' (the id defaults to the kind): give each target of this kind an `id`' : ''}`,
      });
    }
    seen.add(id);
    if (target.kind === 'subscribers' && target.url === undefined && subscriptions == null) {
      problems.push({
        path: ['notifications', i, 'kind'],
        message: 'a subscribers target needs a `url`, or `subscriptions.url` set',
      });
    }
  });
  return problems;
}

function ids(items: readonly { id?: string | undefined }[]): string[] {
  return items.map((i) => i.id).filter((id) => id !== undefined);
}
