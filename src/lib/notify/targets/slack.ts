/**
 * Slack incoming webhooks: `{ text }`, the Telegram variant of the texts (the full message; Slack
 * has no short limit). https://api.slack.com/messaging/webhooks
 */
import type { SlackTarget } from '../../config/schema.ts';
import { jsonRequest, type HttpRequest } from '../http.ts';
import type { NotificationMessage } from '../message.ts';

/** The request that posts `message` to the channel. */
export function slackRequest(target: SlackTarget, message: NotificationMessage): HttpRequest {
  return jsonRequest(target.webhook, { text: slackEscape(message.texts.telegram) });
}

/**
 * Slack reads `<…>` as links and mentions (`<!channel>`) and `&` as an entity: the three are
 * escaped so that an update's text is shown as written and can never ping a channel.
 * https://api.slack.com/reference/surfaces/formatting#escaping
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
