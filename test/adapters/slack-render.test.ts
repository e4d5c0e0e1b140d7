// Rendering for Slack: hostile and oversized text stays literal and within Slack's limits, as the stand-in Web API checks them.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_TEXT_BUDGET, clip, escapeSlack, messageText, renderSlack, renderSlackMessages } from '../../adapters/slack/render.ts';
import type { Card, Reply } from '../../src/messages/reply.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { messageProblems } from '../helpers/slack-blocks.ts';

const HOSTILE =
  'Alert @everyone <!channel> <!here> <@U123> <#C123> <https://evil.example|click> *bold* _it_ ~gone~ `code` > quote [x](http://e) & more\u0007\u202e';
const LONG = 'x'.repeat(10_000);
const SOURCE = 'https://home.treasury.gov/news/press-releases/jy0537?a=1&b=2';
const OUR_LINK = '<https://home.treasury.gov/news/press-releases/jy0537?a=1&amp;b=2|Source: home.treasury.gov>';

const hostileCard = (i: number): Card => ({
  title: `${HOSTILE} ${i} ${LONG}`,
  subtitle: HOSTILE,
  url: SOURCE,
  fields: Array.from({ length: 12 }, (_, j) => ({ label: `Field ${j} ${HOSTILE}`, value: `${HOSTILE} ${LONG}` })),
  footer: HOSTILE,
});

const hostile: Reply = {
  text: `${HOSTILE}\n${LONG}`,
  cards: Array.from({ length: 15 }, (_, i) => hostileCard(i)),
  notes: [`${HOSTILE} ${LONG}`, ...Array.from({ length: 60 }, () => HOSTILE)],
  ephemeral: false,
};

type TextObject = { type: string; text: string };

/** Every text object in a message's blocks. */
function textObjects(blocks: unknown[]): TextObject[] {
  return blocks.flatMap((block) => {
    const b = block as { text?: TextObject; fields?: TextObject[]; elements?: TextObject[] };
    return [...(b.text ? [b.text] : []), ...(b.fields ?? []), ...(b.elements ?? [])];
  });
}

describe('renderSlack', () => {
  const message = renderSlack(hostile);
  const parts = renderSlackMessages(hostile);
  // Every block of every part, as the checks below read one message.
  const posted = { text: message.text, blocks: parts.flatMap((p) => p.blocks) };

  it('stays within Slack limits, whatever the reply holds: one message cut short with a note', () => {
    expect(messageProblems({ ...message })).toEqual([]);
    expect(messageText(message)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    expect(JSON.stringify(message.blocks.at(-1))).toMatch(/more blocks not shown/);
  });

  it('posts a long reply whole in as many messages as Slack needs, each within its limits', () => {
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) {
      expect(messageProblems({ ...part })).toEqual([]);
      expect(messageText(part)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    }
    expect(JSON.stringify(parts)).not.toMatch(/not shown/);
    // Every card's header.
    expect(posted.blocks.filter((b) => b.type === 'header')).toHaveLength(hostile.cards.length);
    expect(parts.slice(1).every((p, i) => p.text.endsWith(`(part ${i + 2} of ${parts.length})`))).toBe(true);
  });

  it('leaves no < or > from the text: nothing can ping, mention or link', () => {
    const texts = [message.text, ...textObjects(posted.blocks).map((t) => t.text)];
    for (const text of texts) expect(text.replaceAll(OUR_LINK, '')).not.toMatch(/[<>]/);
    const all = texts.join('\n');
    for (const shown of ['&lt;!channel&gt;', '&lt;!here&gt;', '&lt;@U123&gt;', '&lt;https://evil.example|click&gt;', '@everyone']) {
      expect(all).toContain(shown);
    }
    expect(all).not.toMatch(/[\u0007\u202e]/);
  });

  it('puts list and article text only in plain_text, and mrkdwn only around its own source link', () => {
    const mrkdwn = textObjects(posted.blocks).filter((t) => t.type === 'mrkdwn');
    expect(mrkdwn.length).toBeGreaterThan(0);
    for (const t of mrkdwn) expect(t.text).toBe(OUR_LINK);
    // The top-level text is mrkdwn as Slack reads it: formatting characters there are look-alikes.
    expect(message.text).not.toMatch(/[*_~`]/);
    expect(message.text).toContain('Alert @everyone &lt;!channel&gt;');
  });

  it('links only http(s) sources, and a URL cannot close the link early', () => {
    const linked = (url: string) =>
      renderSlackMessages({ ...hostile, cards: [{ ...hostileCard(0), url }] })
        .flatMap((p) => textObjects(p.blocks))
        .filter((t) => t.type === 'mrkdwn');
    expect(linked('javascript:alert(1)')).toEqual([]);
    expect(linked('slack://channel?id=C1')).toEqual([]);
    expect(linked('not a url')).toEqual([]);
    expect(linked('https://e.example/a|b>c<d')[0]?.text).toBe('<https://e.example/a%7Cb%3Ec%3Cd|Source: e.example>');
  });

  it('truncates with an ellipsis and never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(200);
    expect(clip(emoji, 51)).toBe(`${'😀'.repeat(25)}…`);
    // 51 units before the ellipsis would end inside the 26th emoji, so it is left out whole.
    expect(clip(emoji, 52)).toBe(`${'😀'.repeat(25)}…`);
    expect(clip(escapeSlack('a&b'.repeat(10)), 8)).toBe('a&amp;b…');
    const rendered = renderSlack({ text: emoji, cards: [{ title: emoji, fields: [{ label: emoji, value: emoji.repeat(20) }] }], notes: [], ephemeral: true });
    expect(messageProblems({ ...rendered })).toEqual([]);
  });

  it('answers ephemeral replies only to the asker, others to the channel', () => {
    expect(renderSlack({ text: 'a', cards: [], notes: [], ephemeral: true }).response_type).toBe('ephemeral');
    expect(renderSlack({ text: 'a', cards: [], notes: [], ephemeral: false }).response_type).toBe('in_channel');
  });
});

describe('the stand-in Web API', () => {
  let api: SlackApiStandIn;
  let client: webApi.WebClient;
  beforeAll(async () => {
    api = await startSlackApi();
    client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('accepts the hostile reply, posted with chat.postMessage and to a response URL', async () => {
    const { text, blocks } = renderSlack(hostile);
    expect(await client.chat.postMessage({ channel: 'C0RENDER', text, blocks })).toMatchObject({ ok: true });
    const res = await fetch(api.responseUrl('render'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(renderSlack(hostile)) });
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
  });

  it('rejects what Slack rejects: 51 blocks, a 3,001-character section, 11 fields, a long header', async () => {
    const section = (text: string) => ({ type: 'section', text: { type: 'plain_text', text } });
    const bad = [
      Array.from({ length: 51 }, () => section('a')),
      [section('a'.repeat(3001))],
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'plain_text', text: 'a' })) }],
      [{ type: 'header', text: { type: 'plain_text', text: 'a'.repeat(151) } }],
      [{ type: 'header', text: { type: 'mrkdwn', text: '*a*' } }],
      [section('')],
    ];
    for (const blocks of bad) {
      await expect(client.chat.postMessage({ channel: 'C0INVALID', text: 'a', blocks: blocks as never })).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    }
    const res = await fetch(api.responseUrl('bad'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'a', blocks: bad[0] }) });
    expect(res.status).toBe(400);
  });
});
