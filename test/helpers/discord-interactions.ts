// Interaction payloads shaped as Discord sends them, signed with Ed25519 as Discord signs them.
import { type KeyObject, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { ApplicationCommandOptionType, ApplicationCommandType, ComponentType, InteractionType, PermissionFlagsBits } from 'discord.js';

export const APP_ID = '1187465309123456789';
export const GUILD_ID = '1187465309876543210';

/** What an ordinary member may do in a channel: read, write, use commands — not manage it. */
export const MEMBER = String(
  PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.AddReactions |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.AttachFiles |
    PermissionFlagsBits.UseApplicationCommands |
    PermissionFlagsBits.UseExternalEmojis,
);
/** What the invite (docs/discord.md) grants the bot, as `app_permissions` says of a channel where nothing overrides it. */
export const BOT_INVITED = String(
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.EmbedLinks,
);
export const CHANNEL_MANAGER = String(BigInt(MEMBER) | PermissionFlagsBits.ManageChannels);
export const ADMINISTRATOR = String(BigInt(MEMBER) | PermissionFlagsBits.Administrator);

export interface SigningKeys {
  /** As the Developer Portal shows it: 64 hex characters. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function signingKeys(): SigningKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { publicKeyHex: Buffer.from(x, 'base64url').toString('hex'), privateKey };
}

let sequence = 0n;
/** An id as Discord makes one: the milliseconds since its epoch (2015) in the top bits, so that its time can be read back. */
const snowflake = () => String(((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) | (sequence++ & 0xfffn));

/** An interaction's token as Discord issues it: base64 of `interaction:<id>:<secret>`. */
const interactionToken = (id: string) => Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');

/** A recorded interaction as Discord would send it now: a new id (its time, from which Discord's deadlines run) and its token. */
export function asNew(interaction: Record<string, unknown>): Record<string, unknown> {
  const id = snowflake();
  return { ...interaction, id, token: interactionToken(id) };
}

export interface OptionValue {
  name: string;
  value: string | boolean | number;
  focused?: boolean;
  /** Default: String or Boolean by the value; Attachment (11) takes the attachment's id as its value. */
  type?: ApplicationCommandOptionType;
}

export interface InteractionShape {
  type?: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete;
  channelId?: string;
  /** The member's permissions in the channel; undefined: a DM, with `user` instead of `member`. */
  permissions?: string;
  userId?: string;
  /** The server it comes from; default GUILD_ID. */
  guildId?: string;
  /** `data.resolved`: the objects options refer to by id, e.g. `{ attachments: { [id]: attachment } }`. */
  resolved?: Record<string, unknown>;
  /** What the bot may do in the channel (`app_permissions`); default BOT_INVITED. */
  appPermissions?: string;
}

/** `/command subcommand option:value ...` as Discord delivers it (an APPLICATION_COMMAND or AUTOCOMPLETE interaction). */
export function slashCommand(command: string, subcommand: string, options: OptionValue[] = [], shape: InteractionShape = {}): Record<string, unknown> {
  const user = { id: shape.userId ?? '1187465309000000001', username: 'analyst', discriminator: '0', global_name: 'An Analyst', avatar: null, public_flags: 0 };
  const channelId = shape.channelId ?? snowflake();
  const inGuild = shape.permissions !== undefined;
  const guildId = shape.guildId ?? GUILD_ID;
  const id = snowflake();
  return {
    app_permissions: shape.appPermissions ?? BOT_INVITED,
    application_id: APP_ID,
    attachment_size_limit: 10_485_760,
    authorizing_integration_owners: { '0': GUILD_ID },
    channel: inGuild ? { id: channelId, type: 0, guild_id: guildId, name: 'sanctions-watch', nsfw: false, position: 3, flags: 0 } : { id: channelId, type: 1, flags: 0 },
    channel_id: channelId,
    context: inGuild ? 0 : 1,
    data: {
      id: '1187465309555555555',
      name: command,
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: subcommand,
          options: options.map((o) => ({
            type: typeof o.value === 'boolean' ? ApplicationCommandOptionType.Boolean : ApplicationCommandOptionType.String,
            ...o,
          })),
        },
      ],
      ...(shape.resolved ? { resolved: shape.resolved } : {}),
    },
    entitlements: [],
    ...(inGuild
      ? {
          guild: { id: guildId, locale: 'en-US', features: [] },
          guild_id: guildId,
          guild_locale: 'en-US',
          member: {
            user,
            roles: [],
            permissions: shape.permissions,
            joined_at: '2024-03-01T10:00:00.000000+00:00',
            deaf: false,
            mute: false,
            flags: 0,
            pending: false,
            nick: null,
            avatar: null,
            premium_since: null,
            communication_disabled_until: null,
          },
        }
      : { user }),
    id,
    locale: 'en-GB',
    token: interactionToken(id),
    type: shape.type ?? InteractionType.ApplicationCommand,
    version: 1,
  };
}

export interface PostOptions {
  /** Sign with this key instead (a forger's). */
  signWith?: KeyObject;
  /** Sign this body but send the payload (tampering in transit). */
  signedBody?: string;
  unsigned?: boolean;
  /** Seconds since the epoch to sign with; default now (a replay sends an old one). */
  timestamp?: number;
}

/** POSTs `payload` to the interactions endpoint as Discord does: X-Signature-Ed25519 over timestamp + body. */
export async function postInteraction(url: string, payload: unknown, keys: SigningKeys, options: PostOptions = {}): Promise<{ status: number; body: any }> {
  const body = JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + (options.signedBody ?? body)), options.signWith ?? keys.privateKey).toString('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' };
  if (!options.unsigned) Object.assign(headers, { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp });
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A click on a button of `message` (a MESSAGE_COMPONENT interaction), as Discord delivers it: the message the button is in comes with it. */
export function buttonClick(customId: string, message: Record<string, unknown>, shape: Omit<InteractionShape, 'type' | 'resolved'> = {}): Record<string, unknown> {
  const base = slashCommand('', '', [], shape);
  return {
    ...base,
    type: InteractionType.MessageComponent,
    data: { component_type: ComponentType.Button, custom_id: customId },
    message: { type: 0, channel_id: base.channel_id, author: { id: APP_ID, username: 'sanctions-bot', bot: true }, tts: false, pinned: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], timestamp: '2021-12-10T18:35:00.000000+00:00', edited_timestamp: null, flags: 0, ...message },
  };
}
