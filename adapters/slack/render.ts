// Renders a neutral Reply as a Slack message (Block Kit), escaped so no list or article text can ping or link, within Slack's limits.
import type { types } from '@slack/bolt';
import { type Card, type Reply, clip as clipText, wellFormed } from '../../src/messages/reply.ts';

/** Slack's Block Kit limits (the top-level text one is ours: Slack truncates past 40,000, notifications far sooner). */
const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  buttonText: 75,
  contextText: 3000,
  text: 4000,
} as const;

export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
  response_type: 'ephemeral' | 'in_channel';
}

// C0 and C1 controls (keeping tab and newline) and the bidi overrides that can make text read differently than it is.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text as Slack shows it literally: control characters stripped, and &, < and > (Slack's control characters)
 * as entities, so `<!channel>`, `<@U123>` or `<http://evil|click>` can neither ping nor make a link.
 */
export function escapeSlack(text: string): string {
  return wellFormed(text).replace(CONTROL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Look-alikes for mrkdwn's formatting characters: Slack has no escape for them, and a look-alike cannot format.
const MRKDWN_LOOKALIKES: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };

/** Escaped text for where Slack reads mrkdwn, with bold, italics, strike-through, code and quotes neutralised. */
function escapeMrkdwn(text: string): string {
  return escapeSlack(text)
    .replace(/[*_~`]/g, (c) => MRKDWN_LOOKALIKES[c]!)
    .replace(/^(\s*)&gt;/gm, '$1\u203a');
}

/**
 * At most `max` UTF-16 units (Slack's count or more), ending in an ellipsis when cut; never cuts a surrogate
 * pair or an entity that escaping made.
 */
export function clip(text: string, max: number): string {
  const clipped = clipText(text, max);
  // Escaped text: an entity cut in two (`&am`) would show as garbage.
  return clipped === text ? text : `${clipped.slice(0, -1).replace(/&[a-z]{0,3}$/, '')}…`;
}

/** Already escaped text as plain_text, clipped; Slack rejects empty text objects, so empty text becomes a dash. */
function plainText(escaped: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: clip(escaped, max) || '—', emoji: false };
}

const plain = (text: string, max: number) => plainText(escapeSlack(text), max);

/**
 * A card's source as our own mrkdwn link `<url|Source: host>`, for http(s) URLs only (no javascript: or
 * slack: links), with the URL unable to end the link early and the label escaped.
 */
function sourceLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const href = parsed.href.replace(/&/g, '&amp;').replace(/[<>|]/g, (c) => encodeURIComponent(c));
  return `<${href}|${escapeMrkdwn(`Source: ${parsed.hostname}`)}>`;
}

function cardBlocks(card: Card): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [{ type: 'header', text: plain(card.title, SLACK_LIMITS.headerText) }];
  if (card.subtitle) blocks.push({ type: 'context', elements: [plain(card.subtitle, SLACK_LIMITS.contextText)] });
  // Field text is list text: plain_text, so nothing in it is formatted or parsed; the label leads its own line.
  const fields = card.fields.map((f) => plain(f.value ? `${f.label}\n${f.value}` : f.label, SLACK_LIMITS.fieldText));
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fields) {
    blocks.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.fields) });
  }
  const link = card.url ? sourceLink(card.url) : undefined;
  const footer: types.ContextBlock['elements'] = [
    ...(link ? [{ type: 'mrkdwn' as const, text: link, verbatim: true }] : []),
    ...(card.footer ? [plain(card.footer, SLACK_LIMITS.contextText)] : []),
  ];
  if (footer.length) blocks.push({ type: 'context', elements: footer });
  // Each action a button whose action_id says what it does (the app listens by it) and whose value what it is about.
  const buttons = (card.actions ?? []).map((a): types.Button => ({ type: 'button', action_id: a.kind, text: plain(a.label, SLACK_LIMITS.buttonText), value: a.value }));
  if (buttons.length) blocks.push({ type: 'actions', elements: buttons });
  return blocks;
}

/** Lines as sections of at most 3,000 characters each, split between lines where one fits. */
function textSections(lines: string[]): types.SectionBlock[] {
  const chunks: string[] = [];
  for (const line of lines.map(escapeSlack)) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last]!.length + 1 + line.length <= SLACK_LIMITS.sectionText) chunks[last] += `\n${line}`;
    else chunks.push(line);
  }
  return chunks.map((c) => ({ type: 'section', text: plainText(c, SLACK_LIMITS.sectionText) }));
}

/** Keeps the first blocks, and says so in the last one, when a reply has more than Slack shows. */
function capBlocks(blocks: types.KnownBlock[]): types.KnownBlock[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  const omitted = blocks.length - (SLACK_LIMITS.blocks - 1);
  return [
    ...blocks.slice(0, SLACK_LIMITS.blocks - 1),
    { type: 'context', elements: [plain(`… ${omitted} more block${omitted === 1 ? '' : 's'} not shown`, SLACK_LIMITS.contextText)] },
  ];
}

export function renderSlack(reply: Reply): SlackMessage {
  const blocks = [
    ...(reply.cards.length ? [] : textSections([reply.text])),
    ...reply.cards.flatMap(cardBlocks),
    ...(reply.notes.length ? textSections(reply.notes) : []),
  ];
  // The top-level text is the notification and the fallback: one line, mrkdwn as Slack reads it there.
  const text = clip(escapeMrkdwn(reply.text.replace(/\s+/g, ' ').trim()), SLACK_LIMITS.text) || '—';
  return { text, blocks: capBlocks(blocks), response_type: reply.ephemeral ? 'ephemeral' : 'in_channel' };
}
