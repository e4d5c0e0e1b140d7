// `/sanctions help`: what the bot does and how to ask it.
import { type Reply, textReply } from './reply.ts';

export const USAGE = [
  '`/sanctions <name>` — look up a designated person, company, vessel or aircraft (any spelling or script)',
  '`/sanctions share <name>` — the same, posted for the whole channel',
  '`/sanctions subscribe country:<name or code> program:<code> entity:<name or id>` — follow any of these here',
  '`/sanctions unsubscribe ...` — stop following (same options)',
  '`/sanctions subscriptions` — what this channel follows',
  '`/sanctions help` — this message',
];

export function help(): Reply {
  return textReply(
    'sanctions-bot looks up who is on the sanctions lists (OFAC SDN and non-SDN lists) and alerts channels to news and list changes.',
    true,
    USAGE,
  );
}
