/**
 * Telegram: the bot's `sendMessage` with the Telegram variant as plain text (no parse mode, so
 * nothing in an update is read as markup). https://core.telegram.org/bots/api#sendmessage
 */
import type { TelegramTarget } from '../../config/schema.ts';
import { jsonRequest, type HttpRequest } from '../http.ts';
import type { NotificationMessage } from '../message.ts';

/** The request that sends `message` to the chat. */
export function telegramRequest(target: TelegramTarget, message: NotificationMessage): HttpRequest {
  const base = target.api_base.replace(/\/+$/, '');
  return jsonRequest(`${base}/bot${target.token}/sendMessage`, {
    chat_id: target.chat,
    text: message.texts.telegram,
  });
}
