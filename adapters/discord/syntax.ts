// How Discord users type each command, as definitions.ts registers them: options, not free text, and changes under /sanctions-manage, which only channel managers see.
import type { CommandSyntax } from '../../commands/help.ts';

export const DISCORD_SYNTAX: CommandSyntax = {
  lookup: '/sanctions lookup name:<name>',
  share: '/sanctions lookup name:<name> share:True',
  history: '/sanctions history name:<name>',
  subscribe: '/sanctions-manage subscribe country:<name or code> program:<code> list:<list, e.g. UN> entity:<name or id>',
  unsubscribe: '/sanctions-manage unsubscribe ...',
  feeds: '/sanctions feeds',
  feedsAdd: '/sanctions-manage feeds action:add url:<url>',
  feedsRemove: '/sanctions-manage feeds action:remove url:<url>',
  unmute: '/sanctions-manage unmute id:<id>',
  screen: '/sanctions screen file:<CSV file>',
  screenHowTo: 'To screen a list of names: /sanctions screen file:<your CSV file>.',
};
