// A channel's daily digest: when it is due in the channel's time zone, and the held alerts grouped by entity into messages that fit the platform.
import type { Card, Field, Reply } from '../messages/reply.ts';
import { clip } from '../messages/reply.ts';
import type { NewOutboxAlert, OutboxAlert } from './outbox.ts';

export interface DigestSchedule {
  platform: string;
  channelId: string;
  /** HH:MM, local time in timeZone. */
  time: string;
  /** An IANA time zone, as Intl knows it. */
  timeZone: string;
  /** The local date (YYYY-MM-DD) of the last digest taken. */
  lastPeriod: string;
}

/** `09:00`, `9:30`: a time of day as HH:MM, or null. */
export function parseTimeOfDay(text: string): string | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/** The zone as Intl names it (`europe/berlin` -> `Europe/Berlin`), or null when Intl does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The local date and time of day of `at` in `timeZone`: `2024-03-31`, `09:00`. */
function localTime(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The period whose digest is the latest one due at `at`: today's local date once the local time has reached the
 * digest's time, else yesterday's. Comparing local wall times keeps 09:00 at 09:00 across daylight saving changes
 * (a time skipped by the spring change is reached at the first minute after it).
 */
export function duePeriod(schedule: Pick<DigestSchedule, 'time' | 'timeZone'>, at: Date): string {
  const local = localTime(at, schedule.timeZone);
  if (local.time >= schedule.time) return local.date;
  const day = new Date(`${local.date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Whether a message goes to its platform whole, nothing cut: each adapter answers for its own platform from its renderer
 * (Discord's 10 embeds and 6,000 characters, Slack's 50 blocks and block-text total).
 */
export type MessageFits = (message: Reply) => boolean;

/** A platform with no limit of its own (the console): as many cards as a reader takes in. */
const ANY_SIZE: MessageFits = (message) => message.cards.length <= 25;

/** Items shown per entity (Discord allows 25 fields an embed); the rest are counted in one last field. */
const MAX_ITEMS = 20;
/** Short enough for any platform's field (Discord's 256 a name and 1,024 a value, Slack's 2,000 a field). */
const MAX_LABEL = 200;
const MAX_VALUE = 700;

interface Group {
  id: string;
  name: string;
  listed: string;
  url?: string;
  items: Field[];
}

/**
 * The digest of the alerts held for one channel: one card per entity (its name and listing, then each article or
 * list change that named it, with source, link and the matched text), split into as many messages as the
 * platform's limits need, never splitting an entity. Read from the held alerts' own cards: an article alert's first
 * card is the article, the others its entities; a list alert's cards are all entities, their subtitle the change.
 */
export function digestMessages(schedule: DigestSchedule, period: string, held: readonly OutboxAlert[], fits: MessageFits = ANY_SIZE): NewOutboxAlert[] {
  const groups = groupByEntity(held);
  if (!groups.length) return [];
  const heading = (of: string) =>
    `Daily digest for ${period} (${schedule.timeZone})${of}: ${held.length} alert${held.length === 1 ? '' : 's'} about ${groups.length} entit${groups.length === 1 ? 'y' : 'ies'}`;
  // Measured with the longest heading a part can have.
  const fitsOne = (cards: Card[]) => fits({ text: heading(` (part ${groups.length} of ${groups.length})`), cards, notes: [], ephemeral: false });
  const parts = pack(groups.map((g) => groupCard(g, fitsOne)), fitsOne);
  const { platform, channelId } = schedule;
  return parts.map((part, i) => {
    const payload: Reply = { text: heading(parts.length > 1 ? ` (part ${i + 1} of ${parts.length})` : ''), cards: part, notes: [], ephemeral: false };
    return { platform, channelId, dedupeKey: `digest:${platform}:${channelId}:${period}:${i + 1}`, payload };
  });
}

function groupByEntity(held: readonly OutboxAlert[]): Group[] {
  const groups = new Map<string, Group>();
  for (const alert of held) {
    const reply = alert.payload as Partial<Reply>;
    const cards = reply.cards ?? [];
    const article = cards[0] && !cards[0].footer ? cards[0] : null;
    for (const card of cards.filter((c) => c.footer)) {
      const id = card.footer!;
      const group = groups.get(id) ?? { id, name: card.title, listed: field(card, 'Listed') ?? field(card, 'Was listed') ?? '', url: card.url, items: [] };
      group.items.push(article ? articleItem(article, card) : { label: clip(card.subtitle ?? 'List change', MAX_LABEL), value: clip(field(card, 'What changed') ?? reply.text ?? '', MAX_VALUE) });
      groups.set(id, group);
    }
  }
  return [...groups.values()];
}

function articleItem(article: Card, entity: Card): Field {
  const lines = [article.subtitle, article.url, field(entity, 'In the article')].filter(Boolean) as string[];
  return { label: clip(article.title, MAX_LABEL), value: clip(lines.join('\n'), MAX_VALUE) };
}

function field(card: Card, label: string): string | undefined {
  return card.fields.find((f) => f.label === label)?.value;
}

/** The entity's card, its items as many as fit one message and the rest counted. */
function groupCard(g: Group, fitsOne: (cards: Card[]) => boolean): Card {
  const card: Card = { title: g.name, subtitle: g.listed || undefined, url: g.url, fields: [], footer: g.id };
  const more = (n: number): Field => ({ label: 'And more', value: `${n} more item${n === 1 ? '' : 's'} about ${g.name}` });
  for (const [i, item] of g.items.entries()) {
    const left = g.items.length - i - 1;
    const next = { ...card, fields: [...card.fields, item, ...(left ? [more(left)] : [])] };
    if (i >= MAX_ITEMS || !fitsOne([next])) {
      card.fields.push(more(g.items.length - i));
      break;
    }
    card.fields.push(item);
  }
  return card;
}

/** Cards into messages in order, each message one the platform takes whole. */
function pack(cards: readonly Card[], fitsOne: (cards: Card[]) => boolean): Card[][] {
  const parts: Card[][] = [];
  let part: Card[] = [];
  for (const card of cards) {
    if (part.length && !fitsOne([...part, card])) {
      parts.push(part);
      part = [];
    }
    part.push(card);
  }
  if (part.length) parts.push(part);
  return parts;
}
