// `/sanctions subscribe|unsubscribe country:… program:… entity:…` and `/sanctions subscriptions`.
import { type Subscription, describeSubscription } from '../src/alerts/subscription.ts';
import type { CommandContext } from './context.ts';
import { syntax } from './help.ts';
import type { Reply } from '../src/messages/reply.ts';
import { textReply } from '../src/messages/reply.ts';
import type { SubscriptionOption } from './request.ts';
import { resolveOption } from './resolve.ts';

const REFUSAL = 'Only members who can manage this channel can change what it follows. Ask a channel manager or an admin.';

const describe = (sub: Pick<Subscription, 'kind' | 'value'>, ctx: CommandContext) =>
  describeSubscription(sub, (id) => ctx.catalog.entity(id)?.name);

export async function changeSubscriptions(
  action: 'subscribe' | 'unsubscribe',
  options: SubscriptionOption[],
  ctx: CommandContext,
): Promise<Reply> {
  if (!ctx.canManage) return textReply(REFUSAL);
  const resolved = options.map((o) => ({ option: o, resolution: resolveOption(o.kind, o.value, ctx.catalog) }));
  const problems = resolved.flatMap(({ option, resolution }) =>
    'problem' in resolution
      ? [`${option.kind}: ${resolution.problem}${resolution.suggestions.length ? ` Close: ${resolution.suggestions.join('; ')}.` : ''}`]
      : [],
  );
  // All or nothing: a typo in one option should not half-apply the command.
  if (problems.length) return textReply(`Nothing changed. ${problems.join(' ')}`);

  const lines: string[] = [];
  for (const { option, resolution } of resolved) {
    if ('problem' in resolution) continue;
    const key = { platform: ctx.platform, channelId: ctx.channelId, kind: option.kind, value: resolution.value };
    const what = describe(key, ctx);
    if (action === 'subscribe') {
      const added = await ctx.store.addSubscription({ ...key, createdBy: ctx.userId, createdAt: new Date().toISOString() });
      lines.push(added ? `This channel now follows ${what}.` : `This channel already follows ${what}.`);
    } else {
      const removed = await ctx.store.removeSubscription(key);
      lines.push(removed ? `This channel no longer follows ${what}.` : `This channel did not follow ${what}.`);
    }
  }
  return { text: lines.join(' '), cards: [], notes: [], ephemeral: false };
}

export async function listSubscriptions(ctx: CommandContext): Promise<Reply> {
  const subs = await ctx.store.subscriptions({ platform: ctx.platform, channelId: ctx.channelId });
  if (!subs.length) return textReply(`This channel follows nothing yet. ${syntax(ctx.platform).subscribe} to start.`);
  const lines = subs.map((s) => `• ${describe(s, ctx)}${s.pausedAt ? ' (paused: the bot could not post here)' : ''}`);
  return textReply(`This channel follows ${subs.length} subscription${subs.length === 1 ? '' : 's'}:`, true, lines);
}
