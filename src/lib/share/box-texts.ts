/**
 * The ready-to-post texts of an incident's share box: one box per distinct text, under the names
 * of every channel it is for. A short update fits every network whole, and then Telegram's, X's,
 * Bluesky's and Mastodon's texts are the same: the page carries it once, not four times.
 */
import type { ShareTexts } from './texts.ts';

/** One box: the channels' names, the text, and the rows the box shows. */
export interface BoxText {
  label: string;
  text: string;
  rows: number;
}

/** The boxes, in the channels' order, each text under every channel that shares it. */
export function boxTexts(
  texts: ShareTexts,
  labels: { sms: string; emailSubject: string; emailBody: string },
): BoxText[] {
  const variants: BoxText[] = [
    { label: 'Telegram · WhatsApp', text: texts.telegram, rows: 6 },
    { label: 'X', text: texts.x, rows: 5 },
    { label: 'Bluesky', text: texts.bluesky, rows: 5 },
    { label: 'Mastodon', text: texts.mastodon, rows: 6 },
    { label: labels.sms, text: texts.sms, rows: 3 },
    { label: labels.emailSubject, text: texts.email.subject, rows: 1 },
    { label: labels.emailBody, text: texts.email.body, rows: 8 },
  ];
  const byText = new Map<string, BoxText>();
  for (const v of variants) {
    const known = byText.get(v.text);
    if (known) {
      known.label = `${known.label} · ${v.label}`;
      known.rows = Math.max(known.rows, v.rows);
    } else byText.set(v.text, { ...v });
  }
  return [...byText.values()];
}
