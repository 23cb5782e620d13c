/**
 * Discord channel webhooks: `{ content }`, at most 2,000 characters — the Telegram variant when it
 * fits (all the facts), else the Mastodon one (500). Mentions are switched off, so that an update
 * quoting "@everyone" does not ping the server. https://discord.com/developers/docs/resources/webhook
 */
import type { DiscordTarget } from '../../config/schema.ts';
import { jsonRequest, type HttpRequest } from '../http.ts';
import type { NotificationMessage } from '../message.ts';

/** Discord's limit on `content`, in characters. */
export const DISCORD_LIMIT = 2000;

/** The request that posts `message` to the channel. */
export function discordRequest(target: DiscordTarget, message: NotificationMessage): HttpRequest {
  const { telegram, mastodon } = message.texts;
  const content = [telegram, mastodon].find((t) => [...t].length <= DISCORD_LIMIT) ?? cut(mastodon);
  return jsonRequest(target.webhook, { content, allowed_mentions: { parse: [] } });
}

/** The last resort for a Mastodon text whose link alone is enormous. */
function cut(text: string): string {
  return `${[...text].slice(0, DISCORD_LIMIT - 1).join('')}…`;
}
