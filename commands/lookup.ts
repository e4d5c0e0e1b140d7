// `/sanctions <name or id>`: the best-matching designation as a card, with other candidates, scores and why; a delisted one said to be so.
import type { SearchHit } from '../src/designations/search.ts';
import { entityCard, listLine } from '../src/messages/entity-card.ts';
import { type Reply, clip, textReply } from '../src/messages/reply.ts';
import type { CommandContext } from './context.ts';
import { syntax } from './help.ts';
import { type Found, findEntity } from './history.ts';

const OTHER_CANDIDATES = 4;

/** A candidate and why it came up: the name or alias it matched, and which words matched which. */
const candidateLine = (h: SearchHit) => {
  const as = h.matched === h.entity.name ? '' : ` as "${h.matched}"`;
  return `${h.entity.name} (${h.entity.programs.join(', ') || h.entity.type}) — score ${h.score.toFixed(2)}${as}${h.why ? `: ${h.why}` : ''}`;
};

export async function lookup(query: string, ctx: CommandContext): Promise<Reply> {
  // The id every card shows, `ofac-sdn-34022`, finds that entity.
  const byId = ctx.catalog.entity(query.trim());
  if (byId) return { text: `${byId.name}: ${listLine(byId)}`, cards: [entityCard(byId)], notes: [], ephemeral: !ctx.share };
  const { hits, suggestions } = ctx.catalog.search(query, { limit: 1 + OTHER_CANDIDATES });
  const [best, ...others] = hits;
  // A name no longer listed (or its id) is answered as delisted, unless a listed name matches at least as well.
  if (!best || best.score < 1) {
    const found = await findEntity(query, ctx, await ctx.store.listVersions());
    if ('entity' in found && !found.listed) return delisted(found, query, hits, ctx);
  }
  if (!best) {
    const hint = suggestions.length ? ['Did you mean:', ...suggestions.map(candidateLine)] : [];
    // One word that names nothing may have been meant as a command.
    const commands = query.trim().split(/\s+/).length === 1 ? ['Not a name? /sanctions help lists what the bot does.'] : [];
    return textReply(`No designated entity matches "${clip(query, 80)}".`, true, [...hint, ...commands]);
  }
  return {
    text: `${best.entity.name}: ${listLine(best.entity)}`,
    cards: [entityCard(best.entity, best)],
    notes: others.length ? ['Other candidates:', ...others.map(candidateLine)] : [],
    ephemeral: !ctx.share,
  };
}

async function delisted({ entity, hit }: Found, query: string, listedHits: SearchHit[], ctx: CommandContext): Promise<Reply> {
  const removal = (await ctx.store.events(entity.id)).find((e) => e.kind === 'removed');
  const from = removal ? `: removed from ${entity.lists.map((l) => l.name).join('; ')} on ${removal.date}` : '';
  const matched = hit && hit.matched !== entity.name ? ` (matched "${clip(hit.matched, 80)}")` : '';
  const history = syntax(ctx).history.replace('<name>', clip(query.trim(), 80));
  return {
    text: `${entity.name}${matched} is no longer designated${from}. ${history} shows its record.`,
    cards: [],
    notes: listedHits.length ? ['Listed names that come close:', ...listedHits.map(candidateLine)] : [],
    ephemeral: !ctx.share,
  };
}
