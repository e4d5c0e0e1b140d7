// `/sanctions help`: what the bot does and how to ask it, in the command syntax of the user's platform.
import type { CommandContext } from './context.ts';
import { type Reply, textReply } from '../src/messages/reply.ts';

/** How a platform's users type each command: the adapter's (CommandContext.syntax), as its platform defines its commands. */
export interface CommandSyntax {
  lookup: string;
  share: string;
  history: string;
  subscribe: string;
  unsubscribe: string;
  feeds: string;
  feedsAdd: string;
  feedsRemove: string;
  unmute: string;
  /** The screen command, in the help's list. */
  screen: string;
  /** How to hand the platform a file to screen. */
  screenHowTo: string;
}

/** The commands as text, as parseRequest reads them (the console; Slack's slash command, with its own screening). */
export const TEXT_SYNTAX: CommandSyntax = {
  lookup: '/sanctions <name>',
  share: '/sanctions share <name>',
  history: '/sanctions history <name>',
  subscribe: '/sanctions subscribe country:<name or code> program:<code> list:<list, e.g. UN> entity:<name or id>',
  unsubscribe: '/sanctions unsubscribe ...',
  feeds: '/sanctions feeds',
  feedsAdd: '/sanctions feeds add <url>',
  feedsRemove: '/sanctions feeds remove <url>',
  unmute: '/sanctions muted undo <id>',
  screen: '/sanctions screen <path/to/file.csv>',
  screenHowTo: "Give the file's path: /sanctions screen path/to/names.csv",
};

export function syntax(ctx: Pick<CommandContext, 'syntax'>): CommandSyntax {
  return ctx.syntax ?? TEXT_SYNTAX;
}

export function usage(ctx: Pick<CommandContext, 'syntax'>): string[] {
  const s = syntax(ctx);
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
    `${s.screen} — screen a CSV file of names (up to 10,000): a summary, and a result file with each row's best match`,
    '/sanctions help — this message',
  ];
}

export function help(ctx: Pick<CommandContext, 'syntax'>): Reply {
  return textReply(
    'sanctions-bot looks up who is on the sanctions lists (OFAC SDN and non-SDN lists) and alerts channels to news and list changes.',
    true,
    usage(ctx),
  );
}
