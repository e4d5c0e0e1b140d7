// Recall and precision on the labelled "sanction" items of the real Reuters polls (../shared/data/news; skipped without it).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import { buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { scanArticle } from '../../src/mentions/scan.ts';
import { NEWS_DIR, labelledNews } from '../../scripts/news-labels.ts';

describe.skipIf(!existsSync(NEWS_DIR))('labelled news items', () => {
  it('finds at least 9 in 10 of the listed entities they name, at a precision of at least 0.9', async () => {
    const index = buildMentionIndex(await parseBundledLists());
    const items = labelledNews();
    expect(items).toHaveLength(45);
    let expected = 0;
    let found = 0;
    let extra = 0;
    const misses: string[] = [];
    for (const item of items) {
      const named = new Set(scanArticle(index, item.text).map((m) => m.entityId));
      expected += item.expected.length;
      for (const id of item.expected) {
        if (named.has(id)) found++;
        else misses.push(`${item.link}: ${id}`);
      }
      for (const id of named) if (!item.expected.includes(id) && !item.optional.includes(id)) extra++;
    }
    expect(expected).toBe(36);
    expect(found / expected, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(found / (found + extra)).toBeGreaterThanOrEqual(0.9);
  });
});
