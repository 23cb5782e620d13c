/**
 * Status words: a GitHub issue or comment that starts with `Identified:`, `Risolto:` or
 * `Sous surveillance :` sets the incident's status. Matching ignores case and accents, so a phone
 * keyboard without `é` still works; the word and its colon are stripped from the update's text.
 */
import type { Locale } from '../config/schema.ts';
import type { IncidentStatus } from '../status.ts';

/**
 * The words per status and language. Each language lists the site's own status label (what
 * readers see on the page, src/lib/i18n/messages.ts) and the short forms people type.
 */
export const STATUS_WORDS: Record<IncidentStatus, Record<Locale, readonly string[]>> = {
  investigating: {
    en: ['Investigating'],
    it: ['Analisi in corso', 'Verifica in corso', 'In verifica'],
    fr: ['Analyse en cours', "En cours d'analyse", 'Investigation', 'Enquête en cours'],
  },
  identified: {
    en: ['Identified'],
    it: ['Identificato', 'Individuato', 'Causa individuata'],
    fr: ['Identifié', 'Cause identifiée'],
  },
  monitoring: {
    en: ['Monitoring'],
    it: ['Monitoraggio', 'In osservazione', 'Sotto osservazione'],
    fr: ['Surveillance', 'Sous surveillance'],
  },
  resolved: {
    en: ['Resolved'],
    it: ['Risolto'],
    fr: ['Résolu'],
  },
  postmortem: {
    en: ['Postmortem'],
    it: ['Analisi conclusiva'],
    fr: ['Analyse post-incident'],
  },
};

/** A text with its leading status word read off. */
export interface StatusWordReading {
  /** The status the word names; undefined when the text starts with none. */
  status: IncidentStatus | undefined;
  /** The text without the word and its colon. */
  text: string;
}

/** Reads a leading status word (`Word:`, also `**Word:**` or `Word :`) off a text. */
export function readStatusWord(text: string): StatusWordReading {
  const normalised = text.normalize('NFC');
  const match = LEADING_WORD.exec(normalised);
  if (!match?.groups) return { status: undefined, text: normalised.trim() };
  const word = match.groups['word']!;
  const status = STATUSES.find(([, pattern]) => pattern.test(word))?.[0];
  return { status, text: normalised.slice(match[0].length).trim() };
}

/** Letters that may carry accents in Italian and French, and the forms they match. */
const ACCENTS: Record<string, string> = {
  a: 'aàâä',
  c: 'cç',
  e: 'eéèêë',
  i: 'iìîï',
  o: 'oòôö',
  u: 'uùûü',
};

/** A word as a pattern: accents optional, any spacing, either apostrophe, an optional hyphen. */
function wordPattern(word: string): string {
  return [...word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()]
    .map((ch) => {
      if (ACCENTS[ch]) return `[${ACCENTS[ch]}]`;
      if (ch === ' ') return '\\s+';
      if (ch === "'") return "['’]";
      if (ch === '-') return '[-\\s]?';
      return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
}

const STATUSES = (Object.entries(STATUS_WORDS) as [IncidentStatus, Record<Locale, string[]>][]).map(
  ([status, byLocale]) =>
    [
      status,
      new RegExp(`^(?:${Object.values(byLocale).flat().map(wordPattern).join('|')})$`, 'iu'),
    ] as const,
);

/** Any status word, optionally in bold or italics, then a colon (French puts a space before it). */
const LEADING_WORD = new RegExp(
  `^\\s*(?:[*_]{1,2})?(?<word>${Object.values(STATUS_WORDS)
    .flatMap((byLocale) => Object.values(byLocale).flat())
    .map(wordPattern)
    .join('|')})\\s*(?:[*_]{1,2})?\\s*:(?:[*_]{1,2})?`,
  'iu',
);
