// `/sanctions help`: what the bot does and how to ask it.
import { type Reply, textReply } from './reply.ts';

export const USAGE = [
  '`/sanctions <name>` — look up a designated person, company, vessel or aircraft (any spelling or script)',
  '`/sanctions help` — this message',
];

export function help(): Reply {
  return textReply('sanctions-bot looks up who is on the sanctions lists (OFAC SDN and non-SDN lists).', true, USAGE);
}
