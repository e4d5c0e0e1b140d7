// `sanctions-bot feedback [--json]`: every "Not this entity" verdict, labelled data for measuring the mention matcher's precision.
import { parseArgs } from 'node:util';
import type { Store } from '../store/store.ts';
import type { Verdict } from './verdicts.ts';

/** The JSON shape of one verdict: a contract, keep it. */
export function verdictJson(v: Verdict) {
  return {
    entityId: v.entityId,
    entityName: v.entityName,
    matched: v.matched,
    normalized: v.normalized,
    articleLink: v.articleLink,
    articleTitle: v.articleTitle,
    channel: `${v.platform}:${v.channelId}`,
    user: v.userId,
    time: v.createdAt,
  };
}

function verdictLine(v: Verdict): string {
  return `${v.createdAt}  ${v.platform}:${v.channelId}  ${v.entityId} (${v.entityName}) ≠ "${v.matched}"  by ${v.userId}\n      ${v.articleLink ?? v.articleTitle}`;
}

export async function runFeedback(args: string[], store: Store, stdout: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const verdicts = await store.verdicts();
  if (values.json) stdout.write(`${JSON.stringify(verdicts.map(verdictJson), null, 2)}\n`);
  else stdout.write(verdicts.length ? `${verdicts.map(verdictLine).join('\n')}\n` : 'No verdicts yet: nobody has said "Not this entity" to an alert.\n');
}
