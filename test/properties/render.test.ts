// Properties of the renderers over hostile list and article text: nothing pings, links or formats, nothing breaks a platform limit, nothing reaches the terminal as a command.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderForConsole } from '../../adapters/console/console.ts';
import { renderReply } from '../../adapters/discord/render.ts';
import { renderSlack } from '../../adapters/slack/render.ts';
import { type Article, articleAlerts } from '../../src/alerts/article-alerts.ts';
import type { Subscription } from '../../src/alerts/subscription.ts';
import type { Entity } from '../../src/designations/model.ts';
import type { Mention } from '../../src/mentions/find.ts';
import { entityCard, listLine } from '../../src/messages/entity-card.ts';
import type { Card, Reply } from '../../src/messages/reply.ts';
import { messageProblems as discordProblems } from '../helpers/discord-api.ts';
import { messageProblems as slackProblems } from '../helpers/slack-blocks.ts';
import { LONE_SURROGATE, MARKUP, anyText, hostileText } from './arbitraries.ts';

const RUNS = { numRuns: 150 };

/** Hostile text, sometimes thousands of characters of it. */
const text = fc.oneof(
  { weight: 4, arbitrary: anyText },
  { weight: 1, arbitrary: fc.tuple(hostileText, fc.integer({ min: 2, max: 400 })).map(([t, n]) => t.repeat(n)) },
);
const url = fc.oneof(fc.webUrl(), anyText, fc.constantFrom('javascript:alert(1)', 'https://evil.example/a|b>c<d', 'slack://app?x=<!channel>', 'data:text/html,<b>'));
const some = <T>(arb: fc.Arbitrary<T>, maxLength: number) => fc.array(arb, { maxLength });

const card: fc.Arbitrary<Card> = fc.record(
  { title: text, subtitle: text, url, fields: some(fc.record({ label: text, value: text }), 30), footer: text },
  { requiredKeys: ['title', 'fields'] },
);

/** Any reply a command could build, and then some: more cards, fields and notes than any platform shows. */
const anyReply: fc.Arbitrary<Reply> = fc.record({ text, cards: some(card, 14), notes: some(text, 70), ephemeral: fc.boolean() });

const entity: fc.Arbitrary<Entity> = fc.record({
  id: text,
  type: fc.constantFrom('person', 'organization', 'vessel', 'aircraft'),
  name: text,
  aliases: some(fc.record({ name: text, kind: fc.constantFrom('aka', 'fka', 'nka', 'original'), strength: fc.constantFrom('strong', 'weak') }), 8),
  countries: some(fc.oneof(fc.constantFrom('KP', 'IR', 'RU'), text), 3),
  programs: some(text, 4),
  lists: some(fc.record({ id: text, name: text }), 3),
  designated: fc.option(text),
  remarks: fc.option(text),
  identifiers: some(fc.record({ type: text, value: text }), 8),
  addresses: fc.constant([]),
  related: some(fc.record({ id: fc.constant(null), name: text, kind: text }), 6),
  sourceUrl: fc.option(url),
});

/** A lookup's answer for a listed entity whose every field is hostile. */
const lookupReply: fc.Arbitrary<Reply> = fc.tuple(entity, text, fc.double({ min: 0, max: 1, noNaN: true })).map(([e, matched, score]) => ({
  text: `${e.name}: ${listLine(e)}`,
  cards: [entityCard(e, { entity: e, score, matched, why: '' })],
  notes: ['Other candidates:', e.name],
  ephemeral: true,
}));

/** A news alert on a hostile article naming entities with hostile names. */
const alertReply: fc.Arbitrary<Reply> = fc
  .tuple(
    fc.record({ key: text, title: text, link: fc.option(url), published: fc.option(text), source: text }),
    fc.array(fc.tuple(entity, text, text, text), { minLength: 1, maxLength: 12 }),
  )
  .map(([article, named]) => {
    const entities = named.map(([e], i) => ({ ...e, id: `e${i}` }));
    const mentions: Mention[] = named.map(([, matched, alias, sentence], i) => ({
      entityId: `e${i}`, name: entities[i]!.name, matched, alias, sentence: `${sentence} ${matched} ${sentence}`, start: 0, end: 1, confidence: 0.9,
    }));
    const subscriptions: Subscription[] = entities.map((e) => ({
      id: 1, tenant: 'slack:T1', platform: 'slack', channelId: 'C1', kind: 'entity', value: e.id, createdBy: 'U1', createdAt: '2024-01-01T00:00:00Z', pausedAt: null,
    }));
    const [alert] = articleAlerts(article as Article, mentions, subscriptions, (id) => entities.find((e) => e.id === id));
    return alert!.payload as Reply;
  });

const replies = fc.oneof(anyReply, lookupReply, alertReply);

/** C0 and C1 controls but tab and newline (ESC, CSI and OSC starters, BEL among them), and bidi overrides and isolates. */
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

type TextObject = { type: string; text: string };

/** Every text object in a message's blocks, however deep (a button's label too). */
function slackTexts(value: unknown): TextObject[] {
  if (Array.isArray(value)) return value.flatMap(slackTexts);
  if (typeof value !== 'object' || value === null) return [];
  const t = value as Partial<TextObject>;
  if ((t.type === 'plain_text' || t.type === 'mrkdwn') && typeof t.text === 'string') return [t as TextObject];
  return Object.values(value).flatMap(slackTexts);
}

/** Our own source link, the only mrkdwn in a message: an http(s) URL that cannot end early, and an escaped label. */
const SOURCE_LINK = /^<https?:\/\/[^\s<>|]+\|Source: [^<>|]*>$/;

describe('renderSlack', () => {
  it('stays within Block Kit limits, well-formed, with no mention, link or formatting from the text', () => {
    fc.assert(
      fc.property(replies, (reply) => {
        const message = renderSlack(reply);
        expect(slackProblems({ ...message })).toEqual([]);
        const texts = slackTexts(message.blocks);
        for (const t of texts) {
          if (t.type === 'mrkdwn') expect(t.text).toMatch(SOURCE_LINK);
          // `<!channel>`, `<@U…>`, `<http…|…>` need a `<`: every one is an entity, and every `&` starts one, whole.
          else expect(t.text).not.toMatch(/[<>]|&(?!(?:amp|lt|gt);)/);
          expect(t.text).not.toMatch(CONTROL_OR_BIDI);
        }
        expect(message.text).not.toMatch(/[<>*_~`]|&(?!(?:amp|lt|gt);)/);
        expect(message.text).not.toMatch(CONTROL_OR_BIDI);
      }),
      RUNS,
    );
  });
});

/** A link Discord shows without a preview: `<`, an http(s) URL of no markdown character, `>`. */
const SUPPRESSED_LINK = /<https?:\/\/[\w\-.~:/?#@!$&'+,;=%]+>/gi;

/** A `[`, `]` or `(` that a backslash does not escape: the makings of a masked link. */
const LIVE_LINK = /(?:^|[^\\])(?:\\\\)*\]\(/;

describe('renderReply (Discord)', () => {
  it('stays within message and embed limits, with mentions disabled and no ping, mention or masked link in the text', () => {
    fc.assert(
      fc.property(replies, (reply) => {
        const message = renderReply(reply);
        expect(discordProblems(message)).toEqual([]);
        expect(message.allowed_mentions).toEqual({ parse: [] });
        const embeds = message.embeds ?? [];
        const markdown = [
          message.content ?? '',
          ...embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
        ];
        // Footers show text as written, without markdown: no masked link can form there.
        const footers = embeds.map((e) => e.footer?.text ?? '');
        for (const t of markdown) expect(t).not.toMatch(LIVE_LINK);
        for (const t of [...markdown, ...footers]) {
          expect(t).not.toMatch(/@(everyone|here)/i);
          // `<@id>`, `<@&id>`, `<#id>`, `</cmd:id>`, `<t:…>`: a zero-width space follows every `<` (or the text ends there),
          // but for the bot's own `<https://…>` around a bare URL, a link without a preview.
          expect(t.replace(SUPPRESSED_LINK, '')).not.toMatch(/<(?![\u200b…]|$)/);
          expect(t).not.toMatch(CONTROL_OR_BIDI);
          expect(t).not.toMatch(LONE_SURROGATE);
        }
        for (const e of embeds) if (e.url) expect(e.url).toMatch(/^https?:\/\//);
      }),
      RUNS,
    );
  });

  it('renders every markup trick as text a reader sees, not as a ping', () => {
    for (const trick of MARKUP) {
      const message = renderReply({ text: `x ${trick} y`, cards: [], notes: [], ephemeral: false });
      expect(message.content!.replace(SUPPRESSED_LINK, '')).not.toMatch(/@(everyone|here)|<(?!\u200b)/i);
    }
  });
});

describe('renderForConsole', () => {
  it('prints no terminal control sequence, control character or bidi override, whatever the list or the article says', () => {
    fc.assert(
      fc.property(replies, (reply) => {
        expect(renderForConsole(reply)).not.toMatch(CONTROL_OR_BIDI);
      }),
      RUNS,
    );
  });
});
