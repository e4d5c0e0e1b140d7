// `/sanctions help`: what the bot does and how to ask it, in the command syntax of the user's platform.
import type { Platform } from './context.ts';
import { type Reply, textReply } from '../src/messages/reply.ts';

// Discord has no free-text commands: lookups take a name option, and changing subscriptions is a
// separate command that only channel managers see.
const SYNTAX: Record<'text' | 'discord', { lookup: string; share: string; subscribe: string; unsubscribe: string; feeds: string; feedsAdd: string; feedsRemove: string }> = {
  text: {
    lookup: '/sanctions <name>',
    share: '/sanctions share <name>',
    subscribe: '/sanctions subscribe country:<name or code> program:<code> entity:<name or id>',
    unsubscribe: '/sanctions unsubscribe ...',
    feeds: '/sanctions feeds',
    feedsAdd: '/sanctions feeds add <url>',
    feedsRemove: '/sanctions feeds remove <url>',
  },
  discord: {
    lookup: '/sanctions lookup name:<name>',
    share: '/sanctions lookup name:<name> share:True',
    subscribe: '/sanctions-manage subscribe country:<name or code> program:<code> entity:<name or id>',
    unsubscribe: '/sanctions-manage unsubscribe ...',
    feeds: '/sanctions feeds',
    feedsAdd: '/sanctions-manage feeds action:add url:<url>',
    feedsRemove: '/sanctions-manage feeds action:remove url:<url>',
  },
};

export function syntax(platform: Platform) {
  return SYNTAX[platform === 'discord' ? 'discord' : 'text'];
}

export function usage(platform: Platform): string[] {
  const s = syntax(platform);
  return [
    `${s.lookup} — look up a designated person, company, vessel or aircraft (any spelling or script)`,
    `${s.share} — the same, posted for the whole channel`,
    `${s.subscribe} — follow any of these here`,
    `${s.unsubscribe} — stop following (same options)`,
    '/sanctions subscriptions — what this channel follows',
    `${s.feeds} — the news feeds the bot reads, and how each is doing`,
    `${s.feedsAdd}, ${s.feedsRemove} — change them`,
    '/sanctions help — this message',
  ];
}

export function help(platform: Platform): Reply {
  return textReply(
    'sanctions-bot looks up who is on the sanctions lists (OFAC SDN and non-SDN lists) and alerts channels to news and list changes.',
    true,
    usage(platform),
  );
}
