// `/sanctions <name>`: the best-matching designation as a card, with other candidates and scores.
import type { SearchHit } from '../src/designations/search.ts';
import { entityCard, listLine } from '../src/messages/entity-card.ts';
import { type Reply, clip, textReply } from '../src/messages/reply.ts';
import type { CommandContext } from './context.ts';

const OTHER_CANDIDATES = 4;

const candidateLine = (h: SearchHit) => `${h.entity.name} (${h.entity.programs.join(', ') || h.entity.type}) — score ${h.score.toFixed(2)}`;

export async function lookup(query: string, ctx: CommandContext): Promise<Reply> {
  const { hits, suggestions } = ctx.catalog.search(query, { limit: 1 + OTHER_CANDIDATES });
  const [best, ...others] = hits;
  if (!best) {
    const hint = suggestions.length ? ['Did you mean:', ...suggestions.map(candidateLine)] : [];
    return textReply(`No designated entity matches "${clip(query, 80)}".`, true, hint);
  }
  return {
    text: `${best.entity.name}: ${listLine(best.entity)}`,
    cards: [entityCard(best.entity, best)],
    notes: others.length ? ['Other candidates:', ...others.map(candidateLine)] : [],
    ephemeral: !ctx.share,
  };
}
