// "Not this entity" on an alert, `/sanctions muted` and `/sanctions muted undo <id>`: a channel's verdicts on false matches.
import { type Verdict, normalizedMatch } from '../src/alerts/verdicts.ts';
import { type Reply, clip, textReply } from '../src/messages/reply.ts';
import type { CommandContext } from './context.ts';
import { when } from './format.ts';
import { syntax } from './help.ts';

const REFUSAL = 'Only members who can manage this channel can mute an entity here. Ask a channel manager or an admin.';

const channelOf = (ctx: CommandContext) => ({ platform: ctx.platform, channelId: ctx.channelId });

/** The entity's name now, else as the verdict recorded it (it may have been delisted since). */
const nameOf = (v: Pick<Verdict, 'entityId' | 'entityName'>, ctx: CommandContext) => ctx.catalog.entity(v.entityId)?.name ?? v.entityName;

/** Records that the alert's match named the wrong entity: that entity, matched by that text, is never alerted here again. */
export async function mute(token: string, ctx: CommandContext): Promise<Reply> {
  if (!ctx.canManage) return textReply(REFUSAL);
  const mention = await ctx.store.alertMention(token);
  if (!mention) return textReply('That alert is not known here any more, so nothing was muted.');
  const entityName = ctx.catalog.entity(mention.entityId)?.name ?? mention.entityId;
  const added = await ctx.store.addVerdict({
    ...channelOf(ctx),
    entityId: mention.entityId,
    entityName,
    matched: mention.matched,
    normalized: normalizedMatch(mention.matched),
    articleLink: mention.articleLink,
    articleTitle: mention.articleTitle,
    userId: ctx.userId,
    createdAt: new Date().toISOString(),
  });
  const what = `${entityName} matched by “${clip(mention.matched, 100)}”`;
  return textReply(
    added ? `Muted: ${what} will not be alerted in this channel again.` : `Already muted here: ${what}.`,
    true,
    ['/sanctions muted lists what this channel muted, and can undo it.'],
  );
}

export async function listMuted(ctx: CommandContext): Promise<Reply> {
  const verdicts = await ctx.store.verdicts(channelOf(ctx));
  if (!verdicts.length) return textReply('This channel has muted nothing. Use "Not this entity" under an alert that named the wrong one.');
  // By id, not by place in the list: an undo sent twice, or after another manager's, never removes another verdict.
  const lines = verdicts.map(
    (v) => `${v.id}. ${nameOf(v, ctx)} (${v.entityId}) matched by “${clip(v.matched, 100)}” — muted ${when(v.createdAt)} in “${clip(v.articleTitle, 120)}”`,
  );
  return textReply(`This channel muted ${verdicts.length} match${verdicts.length === 1 ? '' : 'es'}; ${syntax(ctx).unmute} alerts one again:`, true, lines);
}

export async function unmute(id: number, ctx: CommandContext): Promise<Reply> {
  if (!ctx.canManage) return textReply(REFUSAL.replace('mute an entity', 'undo a mute'));
  const verdict = (await ctx.store.verdicts(channelOf(ctx))).find((v) => v.id === id);
  if (!verdict || !(await ctx.store.removeVerdict(channelOf(ctx), id))) return textReply(`This channel has no mute with id ${id} (any more): /sanctions muted lists its mutes.`);
  return textReply(`Unmuted: ${nameOf(verdict, ctx)} matched by “${clip(verdict.matched, 100)}” alerts this channel again.`, false);
}
