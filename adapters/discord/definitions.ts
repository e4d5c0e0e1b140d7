// The slash commands as Discord registers them (`npm run register-commands`).
//
// Two top-level commands, because Discord's default_member_permissions applies to a whole top-level
// command, never to one subcommand: `/sanctions` (lookup, history, subscriptions, feeds, status, screen, help)
// stays open to everyone, while `/sanctions-manage` (subscribe, unsubscribe) changes a channel for
// everyone and is shown by default only to members with Manage Channels (server admins may widen
// that under Server Settings > Integrations). The interaction handler checks the member's
// permissions again on every call.
import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

export const COMMAND = 'sanctions';
export const MANAGE_COMMAND = 'sanctions-manage';

function subscriptionOptions(verb: string): APIApplicationCommandBasicOption[] {
  return [
    { type: ApplicationCommandOptionType.String, name: 'country', description: `Country to ${verb}: a name or ISO code`, autocomplete: true },
    { type: ApplicationCommandOptionType.String, name: 'program', description: `Sanctions program to ${verb}, e.g. DPRK3`, autocomplete: true },
    { type: ApplicationCommandOptionType.String, name: 'list', description: `A whole list to ${verb}, e.g. UN`, autocomplete: true },
    { type: ApplicationCommandOptionType.String, name: 'entity', description: `One listed entity to ${verb}: a name or id`, autocomplete: true },
  ];
}

/** How a subscription's alerts arrive; the same as the text syntax's `digest:09:00 tz:Europe/Berlin lists:digest`. */
const DELIVERY_OPTIONS: APIApplicationCommandBasicOption[] = [
  { type: ApplicationCommandOptionType.String, name: 'digest', description: 'Gather alerts into one daily digest at this time (HH:MM, 24-hour), or off for each at once' },
  { type: ApplicationCommandOptionType.String, name: 'tz', description: "The digest time's time zone, e.g. Europe/Berlin (default UTC)", autocomplete: true },
  {
    type: ApplicationCommandOptionType.String,
    name: 'lists',
    description: 'List changes: at once (the default) or in the digest too',
    choices: [
      { name: 'immediate', value: 'immediate' },
      { name: 'digest', value: 'digest' },
    ],
  },
];

export const COMMANDS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND,
    description: 'Look up who is on the sanctions lists',
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'lookup',
        description: 'Look up a designated person, company, vessel or aircraft (any spelling or script)',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'name', description: 'The name to look up', required: true },
          { type: ApplicationCommandOptionType.Boolean, name: 'share', description: 'Post the answer for the whole channel to see' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'history',
        description: 'When a listed or delisted entity was designated, what changed since, whether it was delisted',
        options: [{ type: ApplicationCommandOptionType.String, name: 'name', description: 'The name to look up', required: true }],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'subscriptions', description: 'What this channel follows' },
      { type: ApplicationCommandOptionType.Subcommand, name: 'feeds', description: 'The news feeds the bot polls, and how each is doing' },
      { type: ApplicationCommandOptionType.Subcommand, name: 'muted', description: 'The matches this channel muted with "Not this entity", each with its id' },
      { type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'The lists and their versions, the feeds, alerts waiting, the bot\'s version' },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'screen',
        description: 'Screen a CSV file of names (up to 10,000): a summary and a result file',
        options: [{ type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'CSV with a name column; country and date of birth optional', required: true }],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'help', description: 'What the bot does and how to ask it' },
    ],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: MANAGE_COMMAND,
    description: 'Change what this channel follows (needs Manage Channels)',
    default_member_permissions: PermissionFlagsBits.ManageChannels.toString(),
    // Subscriptions belong to a server channel. `contexts` is the current field; Discord ignores
    // dm_permission when contexts is present, but older readers of the command still look at it.
    contexts: [InteractionContextType.Guild],
    dm_permission: false,
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: 'subscribe', description: 'Alert this channel to news and list changes about any of these', options: [...subscriptionOptions('follow'), ...DELIVERY_OPTIONS] },
      { type: ApplicationCommandOptionType.Subcommand, name: 'unsubscribe', description: 'Stop following any of these here', options: subscriptionOptions('stop following') },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'unmute',
        description: 'Undo a "Not this entity": alert this channel to that match again',
        options: [{ type: ApplicationCommandOptionType.Integer, name: 'id', description: 'Its id in /sanctions muted', required: true, min_value: 1 }],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'feeds',
        description: 'Add or remove a news feed the bot polls',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'action',
            description: 'Add or remove',
            required: true,
            choices: [
              { name: 'add', value: 'add' },
              { name: 'remove', value: 'remove' },
            ],
          },
          { type: ApplicationCommandOptionType.String, name: 'url', description: 'The feed URL (RSS or Atom, http or https)', required: true },
        ],
      },
    ],
  },
];
