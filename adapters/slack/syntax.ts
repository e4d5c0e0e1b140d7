// How Slack users type each command: the text commands, and screening by sharing a file (a slash command carries none).
import { type CommandSyntax, TEXT_SYNTAX } from '../../commands/help.ts';

export const SLACK_SYNTAX: CommandSyntax = {
  ...TEXT_SYNTAX,
  screen: '/sanctions screen (then share the CSV, mentioning @sanctions-bot)',
  screenHowTo:
    'To screen a list of names, share the CSV file in a channel I am in, with a message that mentions me (@sanctions-bot screen), ' +
    'or send it to me in a direct message. Slash commands cannot carry files.',
};
