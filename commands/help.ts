// `/sanctions help`: what the bot does and how to ask it, in the command syntax of the user's platform.
import type { Platform } from './context.ts';
import { type Reply, textReply } from '../src/messages/reply.ts';

// Discord has no free-text commands: lookups take a name option, and changing subscriptions is a
// separate command that only channel managers see.
const SYNTAX: Record<'text' | 'discord', { lookup: string; share: string; history: string; subscribe: string; unsubscribe: string; feeds: string; feedsAdd: string; feedsRemove: string; unmute: string }> = {
  text: {
    lookup: '/sanctions <name>',
    share: '/sanctions share <name>',
    history: '/sanctions history <name>',
    subscribe: '/sanctions subscribe country:<name or code> program:<code> list:<list, e.g. UN> entity:<name or id>',
    unsubscribe: '/sanctions unsubscribe ...',
    feeds: '/sanctions feeds',
    feedsAdd: '/sanctions feeds add <url>',
    feedsRemove: '/sanctions feeds remove <url>',
    unmute: '/sanctions muted undo <id>',
  },
  discord: {
    lookup: '/sanctions lookup name:<name>',
    share: '/sanctions lookup name:<name> share:True',
    history: '/sanctions history name:<name>',
    subscribe: '/sanctions-manage subscribe country:<name or code> program:<code> list:<list, e.g. UN> entity:<name or id>',
    unsubscribe: '/sanctions-manage unsubscribe ...',
    feeds: '/sanctions feeds',
    feedsAdd: '/sanctions-manage feeds action:add url:<url>',
    feedsRemove: '/sanctions-manage feeds action:remove url:<url>',
    unmute: '/sanctions-manage unmute id:<id>',
  },
};

// Each platform hands over a file its own way: Slack only in a message (slash commands carry none).
const SCREEN: Record<Platform, string> = {
  slack: '/sanctions screen (then share the CSV, mentioning @sanctions-bot)',
  discord: '/sanctions screen file:<CSV file>',
  console: '/sanctions screen <path/to/file.csv>',
};

export function syntax(platform: Platform) {
  return SYNTAX[platform === 'discord' ? 'discord' : 'text'];
}

export function usage(platform: Platform): string[] {
  const s = syntax(platform);
  return [
    `${s.lookup} — look up a designated person, company, vessel or aircraft (any spelling or script)`,
    `${s.share} — the same, posted for the whole channel`,
    `${s.history} — when it was designated, what changed since, and whether it was delisted`,
    `${s.subscribe} — follow any of these here`,
    `${s.unsubscribe} — stop following (same options)`,
    '/sanctions subscriptions — what this channel follows',
    `${s.feeds} — the news feeds the bot reads, and how each is doing`,
    `${s.feedsAdd}, ${s.feedsRemove} — change them`,
    '/sanctions muted — the matches "Not this entity" under an alert muted here: that entity, matched by that text, is not alerted here again',
    `${s.unmute} — alert this channel to one of them again`,
    '/sanctions status — the lists and their versions, the feeds, alerts waiting, the bot\'s version',
    `${SCREEN[platform]} — screen a CSV file of names (up to 10,000): a summary, and a result file with each row's best match`,
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
