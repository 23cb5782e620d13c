/**
 * Multichannel text: for one incident update, a post for X, Bluesky and Mastodon, an SMS, a
 * chat message (Telegram's, which WhatsApp shares) and an e-mail, all carrying the same facts — status, title, affected components,
 * time, the alternatives when a contact channel is down, and the link — each fitted to its channel.
 * Pure: the facts come in, the texts go out.
 */
import { fit, shorten, type Piece } from './fit.ts';
import {
  blueskyLength,
  mastodonLength,
  smsLength,
  splitGraphemes,
  toGsmFriendly,
  xLength,
} from './measure.ts';

/** The facts of one update, already in the site's language. */
export interface ShareFacts {
  siteName: string;
  /** "Resolved", "Risolto", "Résolu"… */
  status: string;
  title: string;
  /** Names of the affected components. */
  components: string[];
  /** When the update was posted, formatted in the site's time zone. */
  time: string;
  /** The same, as short as is still clear (the time of day), for an SMS. */
  timeShort: string;
  /** The update's text, as plain text. */
  text: string;
  /** Ways to reach the business while one of its channels is down, in fallback order. */
  alternatives: { name: string; contact: string }[];
  /** Absolute link to the incident. */
  url: string;
  labels: { affected: string; reachUs: string };
  /** Words a shortened text never ends on ("WhatsApp and…"), in the site's language. */
  danglingWords?: readonly string[] | undefined;
}

export interface ShareTexts {
  x: string;
  bluesky: string;
  mastodon: string;
  sms: string;
  /** The chat message, for Telegram and WhatsApp alike. */
  telegram: string;
  email: { subject: string; body: string };
}

/** Each channel's limit, in its own way of counting (see measure.ts). */
export const LIMITS = {
  x: 280,
  bluesky: 300,
  mastodon: 500,
  /** One GSM-7 message; 70 when the text needs UCS-2. */
  sms: 160,
  telegram: 4096,
  emailSubject: 78,
} as const;

/** Priorities: what gives way first when a post is too long. */
const PRIORITY = {
  text: 1,
  contacts: 2,
  alternatives: 3,
  components: 4,
  time: 5,
  title: 6,
  link: 9,
} as const;

/** All the texts for one update. */
export function shareTexts(facts: ShareFacts): ShareTexts {
  const dangling = facts.danglingWords;
  const post = (overflow: (message: string) => number): string =>
    fit(postPieces(facts), { compose: composePost, overflow, ellipsis: '…', dangling });
  return {
    x: post((m) => xLength(m) - LIMITS.x),
    bluesky: post((m) => blueskyLength(m) - LIMITS.bluesky),
    mastodon: post((m) => mastodonLength(m) - LIMITS.mastodon),
    telegram: post((m) => [...m].length - LIMITS.telegram),
    sms: sms(facts),
    email: { subject: emailSubject(facts), body: emailBody(facts) },
  };
}

/** Pieces of a social post: headline, details, text, alternatives, link. */
function postPieces(f: ShareFacts): Piece[] {
  return [
    { text: `${f.status}: ${f.title}`, priority: PRIORITY.title, cuttable: true },
    {
      text: f.components.length ? `${f.labels.affected}: ${f.components.join(', ')}` : '',
      priority: PRIORITY.components,
      cuttable: true,
    },
    { text: f.time, priority: PRIORITY.time, cuttable: false },
    { text: f.text, priority: PRIORITY.text, cuttable: true },
    { text: alternativesLine(f, true), priority: PRIORITY.contacts, cuttable: false },
    { text: alternativesLine(f, false), priority: PRIORITY.alternatives, cuttable: true },
    { text: f.url, priority: PRIORITY.link, cuttable: false, required: true },
  ];
}

/**
 * Lines: headline; components · time; text; alternatives (with contacts, or names only when the
 * contacts had to go); link.
 */
function composePost([
  headline = '',
  components = '',
  time = '',
  text = '',
  contacts = '',
  names = '',
  link = '',
]: readonly string[]): string {
  const details = [components, time].filter(Boolean).join(' · ');
  const reach = contacts || names;
  return [headline, details, text, reach, link].filter(Boolean).join('\n');
}

function alternativesLine(f: ShareFacts, withContacts: boolean): string {
  if (f.alternatives.length === 0) return '';
  const list = f.alternatives.map((a) =>
    withContacts && a.contact ? `${a.name} ${a.contact}` : a.name,
  );
  return `${f.labels.reachUs}: ${list.join(', ')}`;
}

/** One SMS: GSM-friendly text on one line, the link last. */
function sms(f: ShareFacts): string {
  const g = (s: string): string => toGsmFriendly(s);
  const pieces: Piece[] = [
    { text: g(`${f.status}: ${f.title}`), priority: PRIORITY.title, cuttable: true },
    {
      text: f.components.length ? g(f.components.join(', ')) : '',
      priority: PRIORITY.text,
      cuttable: true,
    },
    { text: g(f.timeShort), priority: PRIORITY.time, cuttable: false },
    // In a text message, how to reach the business matters more than which components or when.
    {
      text: f.alternatives.length
        ? g(`${f.labels.reachUs}: ${f.alternatives.map((a) => a.name).join(', ')}`)
        : '',
      priority: PRIORITY.title - 0.5,
      cuttable: true,
    },
    { text: f.url, priority: PRIORITY.link, cuttable: false, required: true },
  ];
  const compose = ([
    headline = '',
    components = '',
    time = '',
    reach = '',
    link = '',
  ]: readonly string[]): string => {
    const details = [components, time].filter(Boolean).join(', ');
    return [headline && details ? `${headline} (${details})` : headline || details, reach, link]
      .filter(Boolean)
      .join('. ')
      .replace(/\.\. /g, '. ');
  };
  return fit(pieces, {
    compose,
    overflow: (m) => {
      const { length, limit } = smsLength(m);
      return length - limit;
    },
    ellipsis: '...',
    dangling: f.danglingWords,
  });
}

/**
 * `[Site] Status: Title`, at most 78 characters. Too long, the title is shortened at a word (never
 * after a joining word such as "and") while the site's name and the status stay whole; when not
 * even a word of the title fits beside them, the site's name goes first.
 */
function emailSubject(f: ShareFacts): string {
  const fits = (s: string): boolean => [...s].length <= LIMITS.emailSubject;
  const options = { dangling: f.danglingWords };
  const head = `${f.status}: `;
  for (const lead of [`[${f.siteName}] ${head}`, head]) {
    if (fits(`${lead}${f.title}`)) return `${lead}${f.title}`;
    const title = shorten(f.title, '…', (c) => fits(`${lead}${c}`), options);
    if (title) return `${lead}${title}`;
  }
  // A status too long to leave room for a word of the title.
  const whole = `${head}${f.title}`;
  return (
    shorten(whole, '…', fits, options) ||
    `${splitGraphemes(whole)
      .slice(0, LIMITS.emailSubject - 1)
      .join('')}…`
  );
}

/** The e-mail body: every fact, in plain text. */
function emailBody(f: ShareFacts): string {
  const lines = [`${f.status}: ${f.title}`, ''];
  if (f.components.length) lines.push(`${f.labels.affected}: ${f.components.join(', ')}`);
  lines.push(f.time, '');
  if (f.text) lines.push(f.text, '');
  if (f.alternatives.length) {
    lines.push(
      `${f.labels.reachUs}:`,
      ...f.alternatives.map((a) => `- ${a.name}${a.contact ? `: ${a.contact}` : ''}`),
      '',
    );
  }
  lines.push(f.url, '', `— ${f.siteName}`);
  return `${lines.join('\n')}\n`;
}
