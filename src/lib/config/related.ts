/**
 * Which components fail together: those of one group, and those of each `related` set. Sets that
 * share a component join (WhatsApp and Instagram in one set, Instagram and Facebook in another:
 * all three are one family), so relatedness is the same whichever component one starts from.
 */
import type { Config } from './schema.ts';

/** Each component's family: the components related to it, itself included. */
export function relatedComponents(
  config: Pick<Config, 'components' | 'related'>,
): Map<string, ReadonlySet<string>> {
  // Union-find over component ids: a group and a set each join their members.
  const parent = new Map(config.components.map((c) => [c.id, c.id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  const join = (ids: readonly string[]): void => {
    const known = ids.filter((id) => parent.has(id));
    for (const id of known.slice(1)) parent.set(root(id), root(known[0]!));
  };
  const groups = new Map<string, string[]>();
  for (const c of config.components) {
    if (c.group !== undefined) groups.set(c.group, [...(groups.get(c.group) ?? []), c.id]);
  }
  for (const members of groups.values()) join(members);
  for (const set of config.related) join(set);

  const families = new Map<string, Set<string>>();
  for (const id of parent.keys()) {
    const r = root(id);
    if (!families.has(r)) families.set(r, new Set());
    families.get(r)!.add(id);
  }
  return new Map([...parent.keys()].map((id) => [id, families.get(root(id))!]));
}
