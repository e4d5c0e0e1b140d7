// "Not this entity" in the console, with nothing configured: the alert prints the command, typing it mutes the match.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from '../../adapters/console/console.ts';
import { consoleTransport } from '../../adapters/console/transport.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { sqlite } from '../helpers/databases.ts';
import { BY_ALIAS, BY_NAME, BY_NAME_AGAIN, type NewsWorld, SEK, newsWorld } from '../helpers/news-world.ts';

let world: NewsWorld;

beforeAll(async () => {
  world = await newsWorld(await sqlite.fresh().open(), [{ platform: 'console', channelId: 'console' }]);
});
afterAll(async () => {
  await world?.store.close();
  await sqlite.cleanup();
});

/** What the console prints for the alert a new article causes. */
async function printedAlert(summary: string): Promise<string> {
  const [alert] = await world.publish(summary);
  const out = new PassThrough();
  let printed = '';
  out.on('data', (d) => (printed += d));
  await consoleTransport(out)('console', alert!.payload as Reply, { dedupeKey: alert!.dedupeKey, repeat: false, queuedAt: new Date().toISOString() });
  return printed;
}

/** Types `lines` at the console prompt; everything it printed. */
async function typed(...lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d) => (printed += d));
  const done = startConsole({ catalog: world.catalog, store: world.store }, input, output);
  input.end([...lines, 'exit', ''].join('\n'));
  await done;
  return printed;
}

describe('"Not this entity" in the console', () => {
  it('prints the command under each entity of an alert; typing it mutes that match, and muted lists and undoes it', async () => {
    const alert = await printedAlert(BY_NAME);
    const command = /^ {2}Not this entity: (\/sanctions mute [\w-]{16})$/m.exec(alert)?.[1];
    expect(command).toBeDefined();
    expect(alert.indexOf(command!)).toBeGreaterThan(alert.indexOf(SEK));

    expect(await typed(command!)).toContain('Muted: SEK STUDIO matched by “SEK Studio” will not be alerted in this channel again.');
    expect(await world.store.verdicts()).toMatchObject([{ platform: 'console', channelId: 'console', entityId: SEK, matched: 'SEK Studio', userId: 'console' }]);
    expect(await world.publish(BY_NAME_AGAIN)).toEqual([]);
    expect(await world.publish(BY_ALIAS)).toHaveLength(1);

    const { id } = (await world.store.verdicts())[0]!;
    const listed = await typed('/sanctions muted', `/sanctions muted undo ${id + 1}`, '/sanctions muted undo');
    expect(listed).toMatch(new RegExp(`This channel muted 1 match; /sanctions muted undo <id> alerts one again:\n {2}${id}\\. SEK STUDIO \\(ofac-sdn-34022\\) matched by “SEK Studio” — muted `));
    expect(listed).toContain(`This channel has no mute with id ${id + 1} (any more)`);
    expect(listed).toContain('Use muted to list what this channel muted, and muted undo <id> to alert it again.');

    expect(await typed(`/sanctions muted undo ${id}`)).toContain('Unmuted: SEK STUDIO matched by “SEK Studio” alerts this channel again.');
    expect(await world.store.verdicts()).toEqual([]);
    expect(await world.publish(BY_NAME_AGAIN)).toHaveLength(1);
  });
});
