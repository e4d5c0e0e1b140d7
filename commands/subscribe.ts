// `/sanctions subscribe|unsubscribe country:… program:… entity:… [digest:HH:MM tz:Zone lists:immediate|digest]` and `/sanctions subscriptions`.
import { type DigestSchedule, canonicalTimeZone, duePeriod, parseTimeOfDay } from '../src/alerts/digest.ts';
import { type Delivery, type Subscription, describeSubscription } from '../src/alerts/subscription.ts';
import type { CommandContext } from './context.ts';
import { syntax } from './help.ts';
import { log } from '../src/log.ts';
import type { Reply } from '../src/messages/reply.ts';
import { textReply } from '../src/messages/reply.ts';
import type { DeliveryOption, SubscriptionOption } from './request.ts';
import { type Followed, recentArticles } from './recent.ts';
import { resolveOption } from './resolve.ts';

const REFUSAL = 'Only members who can manage this channel can change what it follows. Ask a channel manager or an admin.';

const describe = (sub: Pick<Subscription, 'kind' | 'value'>, ctx: CommandContext) =>
  describeSubscription(sub, (id) => ctx.catalog.entity(id)?.name);

export async function changeSubscriptions(
  action: 'subscribe' | 'unsubscribe',
  options: SubscriptionOption[],
  ctx: CommandContext,
  deliveryOption?: DeliveryOption,
): Promise<Reply> {
  if (!ctx.canManage) return textReply(REFUSAL);
  const delivery = deliveryOption ? parseDelivery(deliveryOption) : undefined;
  if (typeof delivery === 'string') return textReply(`Nothing changed. ${delivery}`);
  const resolved = options.map((o) => ({ option: o, resolution: resolveOption(o.kind, o.value, ctx.catalog) }));
  const problems = resolved.flatMap(({ option, resolution }) =>
    'problem' in resolution
      ? [`${option.kind}: ${resolution.problem}${resolution.suggestions.length ? ` Close: ${resolution.suggestions.join('; ')}.` : ''}`]
      : [],
  );
  // All or nothing: a typo in one option should not half-apply the command.
  if (problems.length) return textReply(`Nothing changed. ${problems.join(' ')}`);

  // Before anything is stored: a subscription the bot cannot deliver would fail at its first alert and pause.
  const cannotPost = action === 'subscribe' ? await ctx.canPost?.() : null;
  if (cannotPost) return textReply(`Nothing changed. ${cannotPost}`);
  const channel = { platform: ctx.platform, channelId: ctx.channelId };
  // How each was delivered, to say whether a delivery option changed it.
  const before = action === 'subscribe' && delivery ? await ctx.store.subscriptions(channel) : [];

  const lines: string[] = [];
  const added: Followed[] = [];
  for (const { option, resolution } of resolved) {
    if ('problem' in resolution) continue;
    const key = { ...channel, kind: option.kind, value: resolution.value };
    const what = describe(key, ctx);
    if (action === 'subscribe') {
      const how = delivery && { delivery: delivery.mode, listDelivery: delivery.lists };
      const isNew = await ctx.store.addSubscription({ ...key, ...how, tenant: ctx.tenant, createdBy: ctx.userId, createdAt: new Date().toISOString() });
      if (isNew) added.push({ kind: key.kind, value: key.value, pausedAt: null });
      // Following it already, the channel changes only how it hears of it.
      const had = before.find((s) => s.kind === key.kind && s.value === key.value);
      const changed = !isNew && how && had && (had.delivery !== how.delivery || had.listDelivery !== how.listDelivery);
      if (changed) await ctx.store.setDelivery(key, how);
      const follows = isNew ? `This channel now follows ${what}` : changed ? `This channel follows ${what}, now` : `This channel already follows ${what}`;
      lines.push(`${follows}${how ? `${changed ? '' : ','} ${describeDelivery(how)}` : ''}.`);
    } else {
      const removed = await ctx.store.removeSubscription(key);
      lines.push(removed ? `This channel no longer follows ${what}.` : `This channel did not follow ${what}.`);
    }
  }
  if (delivery?.schedule) lines.push(await setSchedule({ ...channel, ...delivery.schedule }, ctx));
  // Subscribing again is how a channel the bot could not post to (and so paused) says it can now.
  if (action === 'subscribe' && (await ctx.store.resumeChannel(channel.platform, channel.channelId)) > 0) {
    lines.push('Its alerts, paused when the bot could not post here, are resumed.');
  }
  const recent = added.length ? await recentOrNothing(added, ctx) : [];
  return { text: lines.join(' '), cards: [], notes: recent, ephemeral: false };
}

/** The recent articles; none when they cannot be read: the subscription is made, and saying so matters more. */
async function recentOrNothing(added: Followed[], ctx: CommandContext): Promise<string[]> {
  try {
    return await recentArticles(added, ctx);
  } catch (err) {
    log.warn({ err, platform: ctx.platform, channelId: ctx.channelId }, 'could not read the recent articles for a new subscription');
    return [];
  }
}

interface ParsedDelivery {
  mode: Delivery;
  lists: Delivery;
  schedule?: Pick<DigestSchedule, 'time' | 'timeZone'>;
}

/** `digest:09:00 tz:Europe/Berlin lists:digest` checked: the time, a zone Intl knows (UTC when none), how list changes arrive. */
function parseDelivery(option: DeliveryOption): ParsedDelivery | string {
  const lists = (option.lists ?? 'immediate').toLowerCase();
  if (lists !== 'immediate' && lists !== 'digest') return `lists: is immediate (list changes at once, the default) or digest.`;
  if (option.digest.toLowerCase() === 'off') {
    if (option.tz) return 'tz: goes with a digest time, not with digest:off.';
    return { mode: 'immediate', lists: 'immediate' };
  }
  const time = parseTimeOfDay(option.digest);
  if (!time) return `digest: takes a time of day as HH:MM (24-hour, e.g. digest:09:00), or off.`;
  const timeZone = canonicalTimeZone(option.tz ?? 'UTC');
  if (!timeZone) return `"${option.tz}" is not a time zone; use a name like Europe/Berlin, America/New_York or UTC.`;
  return { mode: 'digest', lists, schedule: { time, timeZone } };
}

function describeDelivery(d: Required<Pick<Subscription, 'delivery' | 'listDelivery'>>): string {
  if (d.delivery === 'immediate') return 'each alert at once';
  return d.listDelivery === 'digest' ? 'in the daily digest, list changes too' : 'in the daily digest (list changes at once)';
}

/**
 * The channel's one digest time. A new time counts from now: the first digest is the next time it comes round,
 * holding everything held until then; the same time again changes nothing (a digest due is not skipped).
 */
async function setSchedule(schedule: Omit<DigestSchedule, 'lastPeriod'>, ctx: CommandContext): Promise<string> {
  const [before] = await ctx.store.digestSchedules(schedule);
  const at = `${schedule.time} ${schedule.timeZone}`;
  if (before && before.time === schedule.time && before.timeZone === schedule.timeZone) return `Its digest comes daily at ${at}.`;
  await ctx.store.setDigestSchedule({ ...schedule, lastPeriod: duePeriod(schedule, new Date()) });
  return before ? `Its digest now comes daily at ${at} (was ${before.time} ${before.timeZone}).` : `Its digest comes daily at ${at}.`;
}

export async function listSubscriptions(ctx: CommandContext): Promise<Reply> {
  const subs = await ctx.store.subscriptions({ platform: ctx.platform, channelId: ctx.channelId });
  if (!subs.length) return textReply(`This channel follows nothing yet. ${syntax(ctx).subscribe} to start.`);
  const [schedule] = await ctx.store.digestSchedules({ platform: ctx.platform, channelId: ctx.channelId });
  const digest = (s: Subscription) =>
    s.delivery === 'digest' && schedule ? ` (daily digest at ${schedule.time} ${schedule.timeZone}${s.listDelivery === 'digest' ? ', list changes too' : ''})` : '';
  const lines = subs.map((s) => `• ${describe(s, ctx)}${digest(s)}${s.pausedAt ? ' (paused: the bot could not post here)' : ''}`);
  return textReply(`This channel follows ${subs.length} subscription${subs.length === 1 ? '' : 's'}:`, true, lines);
}
