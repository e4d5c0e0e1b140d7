// `sanctions-bot feedback` as a user runs it: a child process reading the verdicts of a real SQLite file.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlite } from './helpers/databases.ts';

const BIN = fileURLToPath(new URL('../bin/sanctions-bot.js', import.meta.url));
const db = sqlite.fresh();

const run = async (...args: string[]) => (await promisify(execFile)('node', [BIN, 'feedback', ...args], { env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' } })).stdout;

afterAll(() => sqlite.cleanup());

describe('sanctions-bot feedback', () => {
  it('says there is nothing yet, then exports every verdict as labelled data', async () => {
    expect(await run()).toBe('No verdicts yet: nobody has said "Not this entity" to an alert.\n');
    const store = await db.open();
    const verdict = {
      platform: 'slack',
      channelId: 'C0NEWS',
      entityId: 'ofac-sdn-34022',
      entityName: 'SEK STUDIO',
      matched: 'Sek Studio',
      normalized: 'sek studio',
      articleLink: 'https://news.example/story-1',
      articleTitle: 'Animation studios in Asia',
      userId: 'UMANAGER1',
      createdAt: '2021-12-11T09:30:00.000Z',
    };
    await store.addVerdict(verdict);
    await store.addVerdict({ ...verdict, platform: 'discord', channelId: '1000000000000000888', articleLink: null, userId: '1187465309000000002' });
    await store.close();

    expect(JSON.parse(await run('--json'))).toEqual([
      { entityId: 'ofac-sdn-34022', entityName: 'SEK STUDIO', matched: 'Sek Studio', normalized: 'sek studio', articleLink: 'https://news.example/story-1', articleTitle: 'Animation studios in Asia', channel: 'slack:C0NEWS', user: 'UMANAGER1', time: '2021-12-11T09:30:00.000Z' },
      { entityId: 'ofac-sdn-34022', entityName: 'SEK STUDIO', matched: 'Sek Studio', normalized: 'sek studio', articleLink: null, articleTitle: 'Animation studios in Asia', channel: 'discord:1000000000000000888', user: '1187465309000000002', time: '2021-12-11T09:30:00.000Z' },
    ]);
    expect(await run()).toContain('2021-12-11T09:30:00.000Z  slack:C0NEWS  ofac-sdn-34022 (SEK STUDIO) ≠ "Sek Studio"  by UMANAGER1\n      https://news.example/story-1');
  }, 60_000);
});
