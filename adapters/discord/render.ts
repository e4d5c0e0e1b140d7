// Renders a neutral Reply as a Discord message: escaped, within Discord's limits, unable to ping anyone.
import type { APIActionRowComponent, APIAllowedMentions, APIButtonComponent, APIEmbed, APIEmbedField, ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { type Card, type Reply, clip, wellFormed } from '../../src/messages/reply.ts';

// Discord's numbers, checked against discord.js's types: rendering (and the digests' `fitsWhole`) loads no SDK, so that a
// start without Discord configured never pays for discord.js.
const ACTION_ROW: ComponentType.ActionRow = 1;
const BUTTON: ComponentType.Button = 2;
const SECONDARY: ButtonStyle.Secondary = 2;
const EPHEMERAL: MessageFlags.Ephemeral = 64;

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Titles, descriptions, field names and values and footers of all embeds of one message together. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** A reply with cards says what they are in one line: the cards hold the rest. */
const HEADING = 200;

/** Sent with every message: whatever a list or an article says, nobody is pinged. */
export const NO_MENTIONS = { parse: [] } satisfies APIAllowedMentions;

export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  flags?: MessageFlags.Ephemeral;
  allowed_mentions: typeof NO_MENTIONS;
}

// C0/C1 controls except tab and newline, and the bidirectional overrides that can disguise text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ZWSP = '\u200b';

/** A zero-width space after the `@` of everyone/here and after every `<`: no mention, channel link or emoji survives. */
function withoutMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/</g, `<${ZWSP}`);
}

/** For places Discord shows as written (footers): no control characters, no mentions. */
function plainText(text: string): string {
  return withoutMentions(wellFormed(text).replace(CONTROL, ''));
}

/** Text shown as written in Discord markdown: no formatting, masked links, mentions or control characters. */
export function escapeDiscord(text: string): string {
  const markdown = wellFormed(text)
    .replace(CONTROL, '')
    .replace(/[\\*_~`|>[\]()]/g, '\\$&')
    // Headings, subtext and lists only start a line.
    .replace(/^(\s*)([#-])/gm, '$1\\$2');
  return withoutMentions(markdown);
}

/**
 * A bare http(s) URL of the characters a URL needs (none that Discord's markdown reads: no `*_~|()[]` or backslash),
 * its trailing punctuation left out as the sentence's.
 */
const BARE_URL = /https?:\/\/[\w\-.~:/?#@!$&'+,;=%]+[\w\-~/#=&%+$@]/gi;

/**
 * escapeDiscord's text, with each bare URL as `<url>`: still a link, but one Discord does not turn into a preview
 * embed (a reply or an alert names feeds and articles; its own embeds are what it means to show).
 */
export function escapeDiscordLinks(text: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const m of text.matchAll(BARE_URL)) {
    parts.push(escapeDiscord(text.slice(at, m.index)), `<${m[0]}>`);
    at = m.index + m[0].length;
  }
  parts.push(escapeDiscord(text.slice(at)));
  return parts.join('');
}

/** At most `max` characters of escaped text: a `<url>` cut in two is left out, since a half would be a bare URL again. */
function clipEscaped(text: string, max: number): string {
  const clipped = clip(text, max);
  return clipped === text ? text : clipped.replace(/<(?!\u200b)[^\s>]*…$/, '…');
}

/** Hands out text from one allowance, across every piece of an embed. */
function allowance(total: number): { take: (text: string, max: number) => string; used: () => number } {
  let left = total;
  return {
    take(text, max) {
      const taken = clipEscaped(text, Math.min(max, left));
      left -= taken.length;
      return taken;
    },
    used: () => total - left,
  };
}

function httpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

type Take = ReturnType<typeof allowance>['take'];

function cardEmbed(card: Card, take: Take): APIEmbed {
  // Taken in reading order: when the card's share runs out, its end is what is cut.
  const title = take(escapeDiscord(card.title), LIMITS.title);
  const description = card.subtitle && take(escapeDiscordLinks(card.subtitle), LIMITS.description);
  const fields: APIEmbedField[] = [];
  for (const field of card.fields.slice(0, LIMITS.fields)) {
    const name = take(escapeDiscord(field.label), LIMITS.fieldName);
    const value = name && take(escapeDiscordLinks(field.value), LIMITS.fieldValue);
    // Discord refuses an empty field name or value.
    if (name && value) fields.push({ name, value });
  }
  // Footers show text as written, without markdown: made safe, not escaped.
  const footer = card.footer && take(plainText(card.footer), LIMITS.footer);
  return {
    title: title || undefined,
    url: httpUrl(card.url),
    description: description || undefined,
    fields: fields.length ? fields : undefined,
    footer: footer ? { text: footer } : undefined,
  };
}

/** The cards a message has room for: one embed is the notes' when there are notes. */
function shownCards(reply: Reply): Card[] {
  return reply.cards.slice(0, reply.notes.length ? LIMITS.embeds - 1 : LIMITS.embeds);
}

/** Each embed of the reply, rendered with the text `take` gives it. */
function embedParts(reply: Reply): ((take: Take) => APIEmbed)[] {
  const notes = (take: Take): APIEmbed => ({ description: take(reply.notes.map(escapeDiscordLinks).join('\n'), LIMITS.description) || undefined });
  return [...shownCards(reply).map((card) => (take: Take) => cardEmbed(card, take)), ...(reply.notes.length ? [notes] : [])];
}

/** An embed left with no text would be refused. */
const hasText = (e: APIEmbed) => Boolean(e.title || e.description || e.fields || e.footer);

/** Whether the reply goes as one message with nothing cut or left out: every card an embed, all its text there. */
export function fitsWhole(reply: Reply): boolean {
  if (shownCards(reply).length < reply.cards.length || reply.cards.some((c) => c.fields.length > LIMITS.fields)) return false;
  const whole = embedParts(reply).map((render) => render((text) => text)).filter(hasText);
  return JSON.stringify(embeds(reply)) === JSON.stringify(whole);
}

function embeds(reply: Reply): APIEmbed[] {
  const parts = embedParts(reply);
  let left = LIMITS.embedTotal;
  const rendered = parts.map((render, i) => {
    // An even share of what is left, so that one long card cannot starve those after it.
    const share = allowance(Math.floor(left / (parts.length - i)));
    const embed = render(share.take);
    left -= share.used();
    return embed;
  });
  return rendered.filter(hasText);
}

/** Where a component interaction's custom_id says what to do and about what: `<action kind>:<value>`. */
export function customId(kind: string, value: string): string {
  return `${kind}:${value}`;
}

/**
 * The cards' actions as buttons under the embeds, in rows of five, each naming its card (buttons sit apart from the
 * embeds they act on). Only cards shown as embeds; an action whose custom_id would not fit is left out.
 */
function actionRows(cards: readonly Card[]): APIActionRowComponent<APIButtonComponent>[] {
  // Discord refuses a message with two components of one custom_id: an action offered twice is offered once.
  const ids = new Set<string>();
  const buttons = cards.flatMap((card) =>
    (card.actions ?? []).flatMap((a): APIButtonComponent[] => {
      const custom_id = customId(a.kind, a.value);
      if (custom_id.length > LIMITS.customId || ids.has(custom_id)) return [];
      ids.add(custom_id);
      const label = clip(plainText(`${a.label}: ${card.title}`), LIMITS.buttonLabel);
      return [{ type: BUTTON, style: SECONDARY, label, custom_id }];
    }),
  );
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length && rows.length < LIMITS.actionRows; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ACTION_ROW, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

export function renderReply(reply: Reply): DiscordMessage {
  const message: DiscordMessage = { allowed_mentions: NO_MENTIONS };
  const cards = reply.cards.length ? embeds(reply) : [];
  if (cards.length) message.embeds = cards;
  const rows = cards.length ? actionRows(shownCards(reply)) : [];
  if (rows.length) message.components = rows;
  // With embeds, the notes are the last embed's and the text is a heading over them; without, the text and notes are the message.
  const content = cards.length ? clipEscaped(escapeDiscordLinks(reply.text.replace(/\s+/g, ' ').trim()), HEADING) : clipEscaped([reply.text, ...reply.notes].map(escapeDiscordLinks).join('\n'), LIMITS.content);
  // Discord refuses a message with nothing to show, as when escaping left nothing of the text.
  if (!rows.length) message.content = content.trim() ? content : '—';
  if (reply.ephemeral) message.flags = EPHEMERAL;
  return message;
}
