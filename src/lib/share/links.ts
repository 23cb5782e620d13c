/**
 * Share links that open each network's composer with the text filled in (no script needed), in
 * the order a visitor reaches for them: chat apps first, then social networks, then e-mail.
 */
import type { ShareTexts } from './texts.ts';

/** One share link; `server` names the Mastodon server it opens. */
export interface ShareLink {
  channel: string;
  server?: string;
  href: string;
}

/** The intent URLs, by channel; one Mastodon link per configured server. */
export function shareLinks(
  texts: ShareTexts,
  url: string,
  mastodonServers: readonly string[],
): ShareLink[] {
  const q = encodeURIComponent;
  const withoutLink = (text: string): string => text.replace(url, '').trim();
  return [
    // WhatsApp takes longer messages than Telegram; a shared message is better kept as short.
    { channel: 'WhatsApp', href: `https://wa.me/?text=${q(texts.telegram)}` },
    {
      channel: 'Telegram',
      href: `https://t.me/share/url?url=${q(url)}&text=${q(withoutLink(texts.telegram))}`,
    },
    { channel: 'X', href: `https://x.com/intent/post?text=${q(texts.x)}` },
    { channel: 'Bluesky', href: `https://bsky.app/intent/compose?text=${q(texts.bluesky)}` },
    // Mastodon has no central composer: each server has its own, at /share.
    ...mastodonServers.map((server) => ({
      channel: 'Mastodon',
      server,
      href: `https://${server}/share?text=${q(texts.mastodon)}`,
    })),
    {
      channel: 'E-mail',
      href: `mailto:?subject=${q(texts.email.subject)}&body=${q(texts.email.body)}`,
    },
  ];
}
