/** Share links that open each network's composer with the text filled in (no script needed). */
import type { ShareTexts } from './texts.ts';

/** The intent URLs, by channel. */
export function shareLinks(texts: ShareTexts, url: string): { channel: string; href: string }[] {
  const q = encodeURIComponent;
  const withoutLink = (text: string): string => text.replace(url, '').trim();
  return [
    { channel: 'X', href: `https://x.com/intent/post?text=${q(texts.x)}` },
    { channel: 'Bluesky', href: `https://bsky.app/intent/compose?text=${q(texts.bluesky)}` },
    // Mastodon has no central composer; this instance-chooser-free link opens mastodon.social's.
    { channel: 'Mastodon', href: `https://mastodon.social/share?text=${q(texts.mastodon)}` },
    {
      channel: 'Telegram',
      href: `https://t.me/share/url?url=${q(url)}&text=${q(withoutLink(texts.telegram))}`,
    },
    {
      channel: 'E-mail',
      href: `mailto:?subject=${q(texts.email.subject)}&body=${q(texts.email.body)}`,
    },
  ];
}
