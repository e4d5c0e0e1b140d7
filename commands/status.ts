// `/sanctions status`: how the bot is doing — its lists, its news feeds, its alert outbox — and its version.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import cron from 'node-cron';
import type { Feed } from '../src/feeds/feed.ts';
import { projectFile } from '../src/project-files.ts';
import type { Card, Field, Reply } from '../src/messages/reply.ts';
import type { ListVersion } from '../src/store/store.ts';
import { type CommandContext, DEFAULT_SETTINGS } from './context.ts';
import { feedName, feedState, isFlooding, pagesState } from './feed-state.ts';
import { ago, count, when } from './format.ts';
import { syntax } from './help.ts';

/** package.json's version, read once. */
export const VERSION: string = JSON.parse(readFileSync(projectFile('package.json'), 'utf8')).version;

/** Feeds shown one by one; the rest are counted (the feeds command lists them all). */
export const MAX_FEEDS_SHOWN = 15;

export async function status(ctx: CommandContext, now = new Date()): Promise<Reply> {
  // Where a list was read from and why a feed fails say how the bot is set up: for managers only. Feeds: the tenant's and the global ones.
  const details = ctx.canManage;
  const schedule = (ctx.settings ?? DEFAULT_SETTINGS).listRefreshCron;
  const nextRefresh = schedule ? nextRun(schedule) : null;
  const [lists, feeds, outbox] = await Promise.all([ctx.store.listVersions(), ctx.store.feeds(ctx.tenant), ctx.store.outboxDepth()]);

  const entities = lists.reduce((n, l) => n + l.entityCount, 0);
  const failing = feeds.filter((f) => f.status !== 'active').length;
  const flooding = feeds.filter((f) => isFlooding(f, now)).length;
  const feedTroubles = [failing && `${failing} failing or disabled`, flooding && `${flooding} flooding`].filter(Boolean).join(', ');
  const summary = [
    `sanctions-bot ${VERSION}`,
    `${count(lists.length, 'list')} with ${count(entities, 'entity', 'entities')}`,
    `${count(feeds.length, 'feed')}${feedTroubles ? ` (${feedTroubles})` : ''}`,
    `${count(outbox.pending, 'alert')} waiting`,
  ];
  return {
    text: summary.join('; '),
    cards: [
      listsCard(lists, details, nextRefresh ? when(nextRefresh.toISOString()) : 'not scheduled'),
      feedsCard(feeds, details, syntax(ctx).feeds, now),
      outboxCard(outbox, now),
    ],
    notes: [`sanctions-bot version ${VERSION}`],
    ephemeral: true,
  };
}

function listsCard(lists: ListVersion[], details: boolean, nextRefresh: string): Card {
  const fields: Field[] = lists.map((l) => ({
    label: l.name,
    value:
      `version of ${l.versionDate}, ${count(l.entityCount, 'entity', 'entities')}; ` +
      `from ${details ? l.source : publicSource(l.source)}; imported ${when(l.importedAt)}, next refresh ${nextRefresh}`,
  }));
  return { title: 'Lists', subtitle: lists.length ? undefined : 'No list imported yet.', fields };
}

function feedsCard(feeds: Feed[], details: boolean, listCommand: string, now: Date): Card {
  const by = (status: Feed['status']) => feeds.filter((f) => f.status === status).length;
  // Flooding feeds first: they are what the reader came for, even past the first MAX_FEEDS_SHOWN.
  const shown = [...feeds].sort((a, b) => Number(isFlooding(b, now)) - Number(isFlooding(a, now))).slice(0, MAX_FEEDS_SHOWN);
  const fields: Field[] = shown.map((f) => ({ label: feedName(f, details), value: [feedState(f, details, now), pagesState(f, details)].filter(Boolean).join('; ') }));
  const more = feeds.length - MAX_FEEDS_SHOWN;
  if (more > 0) fields.push({ label: `and ${count(more, 'more feed')}`, value: `${listCommand} lists every feed` });
  const flooding = feeds.filter((f) => isFlooding(f, now)).length;
  const subtitle = feeds.length ? `${by('active')} ok, ${by('failing')} failing, ${by('disabled')} disabled${flooding ? `, ${flooding} flooding` : ''}` : 'The bot polls no feeds.';
  return { title: 'News feeds', subtitle, fields };
}

function outboxCard(outbox: { pending: number; oldest: string | null }, now: Date): Card {
  const fields: Field[] = [{ label: 'Waiting to be sent', value: outbox.pending ? count(outbox.pending, 'alert') : 'none' }];
  if (outbox.oldest) fields.push({ label: 'Oldest waiting since', value: `${when(outbox.oldest)} (${ago(outbox.oldest, now)})` });
  return { title: 'Alert outbox', fields };
}

/** A list's source without the server's paths or a URL's query: file names, and URLs to their path. */
function publicSource(source: string): string {
  return source
    .split(' + ')
    .map((part) => {
      if (!URL.canParse(part)) return basename(part);
      const url = new URL(part);
      return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}${url.pathname}` : basename(url.pathname);
    })
    .join(' + ');
}

/** When a cron schedule next fires (node-cron's reading of it, in the process's time zone), or null for a schedule it rejects. */
function nextRun(schedule: string): Date | null {
  if (!cron.validate(schedule)) return null;
  // A task that is created but never started: nothing runs, and destroying it unregisters it.
  const task = cron.createTask(schedule, () => undefined);
  try {
    return task.getNextRuns(1)[0] ?? null;
  } finally {
    void task.destroy();
  }
}
