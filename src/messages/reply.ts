// The neutral message every command reply and every alert is: each adapter renders it, escaped, within its platform's limits.

export interface Field {
  label: string;
  value: string;
}

/** A button on a card (Slack, Discord) or a command printed under it (console): `value` is what it sends back. */
export interface CardAction {
  /** `mute`: "Not this entity" (alerts/verdicts.ts). */
  kind: 'mute';
  label: string;
  value: string;
}

/** One entity (or one item) shown as a card: a title linking to its source, then labelled facts. */
export interface Card {
  title: string;
  subtitle?: string;
  url?: string;
  fields: Field[];
  footer?: string;
  actions?: CardAction[];
}

/** A file that goes with a reply (a screening's result CSV). */
export interface ReplyFile {
  /** A plain file name, no directories. */
  name: string;
  content: string;
  contentType: string;
}

export interface Reply {
  /** One line that says it all: the whole reply where cards cannot be shown, and the notification text. */
  text: string;
  cards: Card[];
  /** Further lines after the cards: other candidates, suggestions, usage. */
  notes: string[];
  /** Shown only to the user who asked (failed lookups, usage, refusals). */
  ephemeral: boolean;
  /** Files that go with it: uploaded (Slack), attached (Discord), written to disk (console). */
  files?: ReplyFile[];
}

export function textReply(text: string, ephemeral = true, notes: string[] = []): Reply {
  return { text, cards: [], notes, ephemeral };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with each lone surrogate (half a character, from a bad file or a careless cut) as U+FFFD: platforms refuse them. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** `text` cut to at most `max` characters with an ellipsis, never splitting a surrogate pair (an emoji, a rare Han character). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}
