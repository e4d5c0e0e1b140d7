// One handler for Discord interactions as Discord sends them, whether they came to the HTTP endpoint or over the gateway.
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessageComponentInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
  type REST,
} from 'discord.js';
import { FAILURE, answerRequest, readyWithin } from '../../commands/answer.ts';
import { type Choice, complete, completeTimeZone } from '../../commands/autocomplete.ts';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { textReply } from '../../src/messages/reply.ts';
import { DELIVERY_KINDS, type Request, deliveryOption } from '../../commands/request.ts';
import { SUBSCRIPTION_KINDS, type SubscriptionKind } from '../../src/alerts/subscription.ts';
import { MUTE } from '../../src/alerts/verdicts.ts';
import type { Catalog } from '../../src/designations/catalog.ts';
import { log } from '../../src/log.ts';
import { discordCanPost } from './can-post.ts';
import { COMMAND, MANAGE_COMMAND } from './definitions.ts';
import { customId, renderReply } from './render.ts';
import { screenAttachment } from './screen.ts';
import { DISCORD_SYNTAX } from './syntax.ts';
import { discordTenant } from './tenant.ts';
import { editOriginal, followUp } from './webhook.ts';

/**
 * Discord drops an interaction that is not answered within 3 s. Deferring after 2 s leaves room for
 * the answer's trip, which on the gateway path is one more HTTP request.
 */
export const DEFER_AFTER_MS = 2_000;

export interface InteractionDeps extends CommandDeps {
  /** Edits deferred replies through the interaction's webhook. */
  rest: REST;
  /** A command that has not replied by then is answered "thinking…" (type 5) and its reply edited in later. */
  deferAfterMs: number;
  /** Least time between edits of a screening's progress (default every 2 s). */
  progressEveryMs?: number;
}

/** Sends the interaction's initial response: the HTTP response body, or the gateway path's callback request. */
export type Respond = (response: APIInteractionResponse) => Promise<void>;

/** Where the HTTP endpoint and the gateway hand each interaction. */
export type OnInteraction = (interaction: APIInteraction, respond: Respond) => Promise<void>;

type CommandInteraction = APIChatInputApplicationCommandInteraction | APIApplicationCommandAutocompleteInteraction;

/** What the asker keeps of a deferred reply that went to the whole channel. */
const POSTED = 'Done: the answer is posted for the channel below.';
const MANAGE = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.Administrator;

/** The subcommand invoked and its option values (and which option is being typed, for autocomplete). */
interface Invocation {
  command: string;
  subcommand: string;
  values: Map<string, string | number | boolean>;
  focused?: string;
}

function invocation(interaction: CommandInteraction): Invocation {
  const sub: APIApplicationCommandInteractionDataOption | undefined = interaction.data.options?.[0];
  const values = new Map<string, string | number | boolean>();
  let focused: string | undefined;
  if (sub?.type !== ApplicationCommandOptionType.Subcommand) return { command: interaction.data.name, subcommand: '', values };
  for (const option of sub.options ?? []) {
    values.set(option.name, option.value);
    if ('focused' in option && option.focused) focused = option.name;
  }
  return { command: interaction.data.name, subcommand: sub.name, values, focused };
}

const isChatInput = (i: APIInteraction): i is APIChatInputApplicationCommandInteraction =>
  i.type === InteractionType.ApplicationCommand && i.data.type === ApplicationCommandType.ChatInput;

const isSubscriptionKind = (name: string | undefined): name is SubscriptionKind => SUBSCRIPTION_KINDS.some((k) => k === name);

function toRequest({ command, subcommand, values }: Invocation): Request {
  if (command === COMMAND) {
    if (subcommand === 'lookup') return { kind: 'lookup', query: String(values.get('name') ?? ''), share: values.get('share') === true };
    if (subcommand === 'history') return { kind: 'history', query: String(values.get('name') ?? '') };
    if (subcommand === 'subscriptions' || subcommand === 'status' || subcommand === 'help') return { kind: subcommand };
    if (subcommand === 'feeds') return { kind: 'feeds', action: 'list' };
    if (subcommand === 'muted') return { kind: 'muted' };
  }
  if (command === MANAGE_COMMAND && subcommand === 'unmute') {
    const id = Number(values.get('id'));
    return Number.isSafeInteger(id) && id > 0 ? { kind: 'unmute', id } : { kind: 'invalid', problem: 'Say which id of /sanctions muted to undo.' };
  }
  if (command === MANAGE_COMMAND && subcommand === 'feeds') {
    const action = values.get('action');
    const url = String(values.get('url') ?? '').trim();
    if ((action === 'add' || action === 'remove') && url) return { kind: 'feeds', action, url };
    return { kind: 'invalid', problem: 'Say add or remove, and the feed URL.' };
  }
  if (command === MANAGE_COMMAND && (subcommand === 'subscribe' || subcommand === 'unsubscribe')) {
    const options = SUBSCRIPTION_KINDS.flatMap((kind) => {
      const value = String(values.get(kind) ?? '').trim();
      return value ? [{ kind, value }] : [];
    });
    if (!options.length) return { kind: 'invalid', problem: 'Say what to follow: a country, a program, a list or an entity.' };
    if (subcommand === 'unsubscribe') return { kind: subcommand, options };
    const delivery = deliveryOption(
      Object.fromEntries(DELIVERY_KINDS.flatMap((kind) => (values.has(kind) ? [[kind, String(values.get(kind)).trim()]] : []))),
    );
    if (typeof delivery === 'string') return { kind: 'invalid', problem: delivery };
    return delivery ? { kind: subcommand, options, delivery } : { kind: subcommand, options };
  }
  return { kind: 'invalid', problem: `There is no /${command} ${subcommand}.` };
}

/** Computed from the member's permissions in this channel, whatever command was used: Discord's command visibility can be changed by server admins. */
function canManage(interaction: APIInteraction): boolean {
  const permissions = interaction.member?.permissions;
  return permissions !== undefined && /^\d+$/.test(permissions) && (BigInt(permissions) & MANAGE) !== 0n;
}

async function runCommand(interaction: APIChatInputApplicationCommandInteraction, deps: InteractionDeps, respond: Respond): Promise<void> {
  const invoked = invocation(interaction);
  // Screening answers in steps (progress, summary, a file), not with one reply.
  if (invoked.command === COMMAND && invoked.subcommand === 'screen') return screenAttachment(interaction, invoked.values.get('file'), deps, respond);
  return answer(interaction, toRequest(invoked), deps, respond);
}

const MUTE_PREFIX = customId(MUTE, '');

/** A button under an alert: "Not this entity" (custom_id `mute:<token>`), answered to the clicker only. */
function buttonRequest(interaction: APIMessageComponentInteraction): Request {
  const id = interaction.data.custom_id;
  return id.startsWith(MUTE_PREFIX) ? { kind: 'mute', token: id.slice(MUTE_PREFIX.length) } : { kind: 'invalid', problem: 'That button is not one the bot offers.' };
}

type Answerable = APIChatInputApplicationCommandInteraction | APIMessageComponentInteraction;

/** Runs a request and answers it: at once when it is ready in time, else deferred and edited in later. */
async function answer(interaction: Answerable, request: Request, deps: InteractionDeps, respond: Respond): Promise<void> {
  const ctx: CommandContext = {
    catalog: deps.catalog,
    store: deps.store,
    settings: deps.settings,
    platform: 'discord',
    syntax: DISCORD_SYNTAX,
    tenant: discordTenant(interaction),
    requestId: interaction.id,
    channelId: interaction.channel?.id ?? interaction.channel_id ?? '',
    userId: (interaction.member?.user ?? interaction.user)?.id ?? '',
    canManage: canManage(interaction),
    canPost: async () => discordCanPost(interaction),
  };
  const started = performance.now();
  const work = answerRequest(request, ctx, { adapter: 'discord', interaction: interaction.id });
  const early = await readyWithin(work, deps.deferAfterMs, started);
  if (early) return respond({ type: InteractionResponseType.ChannelMessageWithSource, data: renderReply(early) });

  // Who sees the reply is the command's to say (Reply.ephemeral, as on Slack), and it says so only once it is done: a
  // manager's change goes to the channel, its failure to the manager alone. A deferral fixes the visibility of what
  // replaces it, so it is private; a public reply then follows as a message of its own.
  await respond({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
  const reply = await work;
  if (reply.ephemeral) return editOriginal(deps.rest, interaction, reply);
  await editOriginal(deps.rest, interaction, textReply(POSTED));
  await followUp(deps.rest, interaction, reply);
}

function choices(interaction: APIApplicationCommandAutocompleteInteraction, catalog: Catalog): Choice[] {
  const { values, focused } = invocation(interaction);
  const typed = String(values.get(focused ?? '') ?? '');
  try {
    if (focused === 'tz') return completeTimeZone(typed);
    return isSubscriptionKind(focused) ? complete(focused, typed, catalog) : [];
  } catch (err) {
    log.error({ err, interaction: interaction.id }, 'discord autocomplete failed');
    return [];
  }
}

/**
 * Answers one interaction through `respond`; a deferred command's reply follows through the REST API.
 * Resolves when all is sent; never rejects (failures are logged).
 */
export async function handleInteraction(interaction: APIInteraction, deps: InteractionDeps, respond: Respond): Promise<void> {
  try {
    if (interaction.type === InteractionType.Ping) return await respond({ type: InteractionResponseType.Pong });
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      return await respond({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: choices(interaction, deps.catalog) },
      });
    }
    if (isChatInput(interaction)) return await runCommand(interaction, deps, respond);
    if (interaction.type === InteractionType.MessageComponent) return await answer(interaction, buttonRequest(interaction), deps, respond);
    log.warn({ interaction: interaction.id, type: interaction.type }, 'discord interaction of a kind the bot does not offer');
    await respond({ type: InteractionResponseType.ChannelMessageWithSource, data: renderReply(FAILURE) });
  } catch (err) {
    log.error({ err, interaction: interaction.id }, 'discord interaction failed');
  }
}
