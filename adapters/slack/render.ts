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

/**
 * What one chat.postMessage may carry: Slack refuses a message whose blocks hold more than about 12,000 characters of
 * text in all (msg_blocks_too_long; undocumented, measured by Slack's engineers in slackapi/bolt-js#2509, and refused
 * below 12,000 counted as text alone in #2867, since block containers count too). Counted with the top-level text, and
 * with room to spare.
 */
export const MESSAGE_TEXT_BUDGET = 10_000;
/** A later part's notification: the reply's text this long, then which part it is. */
const PART_TEXT = 150;

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
  // At most 10 fields a section, and a section's fields no longer in all than a section's text, so that any one block fits a message.
  let section: types.PlainTextElement[] = [];
  const flush = () => section.length && blocks.push({ type: 'section', fields: section });
  for (const field of fields) {
    if (section.length === SLACK_LIMITS.fields || section.reduce((n, f) => n + f.text.length, field.text.length) > SLACK_LIMITS.sectionText) {
      flush();
      section = [];
    }
    section.push(field);
  }
  flush();
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

/** The text of every text object in the blocks, as Slack totals it against MESSAGE_TEXT_BUDGET. */
export function blockText(blocks: readonly types.KnownBlock[]): number {
  const texts = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + texts(v), 0);
    if (typeof value !== 'object' || value === null) return 0;
    return Object.entries(value).reduce((n, [key, v]) => n + (key === 'text' && typeof v === 'string' ? v.length : texts(v)), 0);
  };
  return texts(blocks);
}

/** The top-level text and every block's text of one message: what a budget is checked against. */
export function messageText(message: Pick<SlackMessage, 'text' | 'blocks'>): number {
  return message.text.length + blockText(message.blocks);
}

/** Whether blocks go in one message with a notification `textLength` long: within Slack's 50 blocks and the text budget. */
function fitsOne(textLength: number, blocks: readonly types.KnownBlock[]): boolean {
  return blocks.length <= SLACK_LIMITS.blocks && textLength + blockText(blocks) <= MESSAGE_TEXT_BUDGET;
}

/** Keeps the first blocks, and says so in the last one, when a reply has more than one message holds. */
function capBlocks(text: string, blocks: types.KnownBlock[]): types.KnownBlock[] {
  if (fitsOne(text.length, blocks)) return blocks;
  const note = (omitted: number): types.KnownBlock => ({ type: 'context', elements: [plain(`… ${omitted} more block${omitted === 1 ? '' : 's'} not shown`, SLACK_LIMITS.contextText)] });
  let kept = Math.min(blocks.length, SLACK_LIMITS.blocks - 1);
  while (kept > 0 && !fitsOne(text.length, [...blocks.slice(0, kept), note(blocks.length - kept)])) kept -= 1;
  return [...blocks.slice(0, kept), note(blocks.length - kept)];
}

/** The blocks of a reply, each card's together: the units a long reply is split between. */
function blockGroups(reply: Reply): types.KnownBlock[][] {
  return [...(reply.cards.length ? [] : [textSections([reply.text])]), ...reply.cards.map(cardBlocks), ...(reply.notes.length ? [textSections(reply.notes)] : [])];
}

/** The top-level text is the notification and the fallback: one line, mrkdwn as Slack reads it there. */
function notification(text: string, max: number = SLACK_LIMITS.text): string {
  return clip(escapeMrkdwn(text.replace(/\s+/g, ' ').trim()), max) || '—';
}

/** The reply as one message (a slash command's answer, an edited progress message), cut short with a note when it holds more than one message may. */
export function renderSlack(reply: Reply): SlackMessage {
  const text = notification(reply.text);
  return { text, blocks: capBlocks(text, blockGroups(reply).flat()), response_type: reply.ephemeral ? 'ephemeral' : 'in_channel' };
}

/**
 * The reply as the chat.postMessage calls that post it whole: as many messages as Slack's 50 blocks and its block-text
 * total need, split between cards (a card longer than a message on its own, between its blocks). The first message's
 * notification is the reply's text; the next ones say which part they are.
 */
export function renderSlackMessages(reply: Reply): SlackMessage[] {
  const response_type = reply.ephemeral ? 'ephemeral' : 'in_channel';
  const first = notification(reply.text);
  // Each part's notification is sized for the worst (the first, or `(part n of n)` on a clipped one) so the split holds for every part.
  const headroom = Math.max(first.length, PART_TEXT + ' (part 99 of 99)'.length);
  const parts: types.KnownBlock[][] = [];
  let part: types.KnownBlock[] = [];
  const add = (blocks: types.KnownBlock[]) => {
    if (part.length && !fitsOne(headroom, [...part, ...blocks])) {
      parts.push(part);
      part = [];
    }
    part.push(...blocks);
  };
  for (const group of blockGroups(reply)) {
    if (fitsOne(headroom, group)) add(group);
    else for (const block of group) add([block]);
  }
  if (part.length || !parts.length) parts.push(part);
  if (parts.length === 1) return [{ text: first, blocks: parts[0]!, response_type }];
  return parts.map((blocks, i) => ({ text: i === 0 ? first : `${notification(reply.text, PART_TEXT)} (part ${i + 1} of ${parts.length})`, blocks, response_type }));
}

/** Whether the reply goes as one chat.postMessage, nothing cut. */
export function fitsOneMessage(reply: Reply): boolean {
  return renderSlackMessages(reply).length === 1;
}
