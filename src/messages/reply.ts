// The neutral message every command reply and every alert is: each adapter renders it, escaped, within its platform's limits.

export interface Field {
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
}

export interface Reply {
  /** One line that says it all: the whole reply where cards cannot be shown, and the notification text. */
  text: string;
  cards: Card[];
  /** Further lines after the cards: other candidates, suggestions, usage. */
  notes: string[];
  /** Shown only to the user who asked (failed lookups, usage, refusals). */
  ephemeral: boolean;
}

export function textReply(text: string, ephemeral = true, notes: string[] = []): Reply {
  return { text, cards: [], notes, ephemeral };
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
