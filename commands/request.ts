// What a user asked for, parsed from `/sanctions ...` text (Slack, console) or built from slash-command options (Discord).
import { SUBSCRIPTION_KINDS, type SubscriptionKind } from '../src/alerts/subscription.ts';
import { clip } from '../src/messages/reply.ts';

export interface SubscriptionOption {
  kind: SubscriptionKind;
  /** As the user typed it: a country name or code, a program code, an entity name or id. */
  value: string;
}

/** How the subscribed things are delivered, as typed (`digest:09:00 tz:Europe/Berlin lists:digest`): the subscribe command checks it. */
export interface DeliveryOption {
  /** A time of day HH:MM, or `off` (at once again). */
  digest: string;
  tz?: string;
  /** `immediate` or `digest`: how list changes arrive for these subscriptions. */
  lists?: string;
}

export const DELIVERY_KINDS = ['digest', 'tz', 'lists'] as const;

export const FEEDS_ACTIONS = ['list', 'add', 'remove'] as const;
export type FeedsAction = (typeof FEEDS_ACTIONS)[number];

export type Request =
  | { kind: 'lookup'; query: string; share: boolean }
  | { kind: 'feeds'; action: FeedsAction; url?: string }
  | { kind: 'subscribe' | 'unsubscribe'; options: SubscriptionOption[]; delivery?: DeliveryOption }
  | { kind: 'subscriptions' }
  | { kind: 'status' }
  | { kind: 'history'; query: string }
  | { kind: 'help' }
  /** `path`: the console's way of giving a file; chat platforms hand files over otherwise. */
  | { kind: 'screen'; path: string }
  /** "Not this entity": the token an alert's action carries (a button, or the command the console prints). */
  | { kind: 'mute'; token: string }
  | { kind: 'muted' }
  /** `id`: the verdict's, as `muted` shows it: undoing one twice undoes it once. */
  | { kind: 'unmute'; id: number }
  | { kind: 'invalid'; problem: string };

/** More is a list, not a command: one reply could not say what became of each. */
const MAX_OPTIONS = 10;

const OPTION = new RegExp(`(?:^|\\s)(${[...SUBSCRIPTION_KINDS, ...DELIVERY_KINDS].join('|')}):`, 'gi');

/**
 * `country:North Korea program:GLOMAG entity:"SEK Studio"`: each value runs to the next option or
 * the end, so names with spaces need no quotes (quotes are allowed). Then, optionally, `digest:`, `tz:` and `lists:`.
 */
export function parseSubscriptionOptions(text: string): { options: SubscriptionOption[]; delivery?: DeliveryOption } | string {
  const starts = [...text.matchAll(OPTION)];
  if (!starts.length) return `Say what to follow: ${SUBSCRIPTION_KINDS.map((k) => `${k}:<${k === 'country' ? 'name or code' : k === 'program' ? 'code' : k === 'list' ? 'list, e.g. UN' : 'name or id'}>`).join(', ')}.`;
  if (starts.length > MAX_OPTIONS) return `At most ${MAX_OPTIONS} options at once (this has ${starts.length}).`;
  if (text.slice(0, starts[0]!.index).trim()) return `"${clip(text.slice(0, starts[0]!.index).trim(), 80)}" is not an option; use country:, program:, list: or entity:.`;
  const options: { kind: string; value: string }[] = [];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : text.length;
    const value = text
      .slice(m.index + m[0].length, end)
      .trim()
      .replace(/^["'“](.*)["'”]$/s, '$1')
      .trim();
    options.push({ kind: m[1]!.toLowerCase(), value });
  });
  const empty = options.find((o) => !o.value);
  if (empty) return `${empty.kind}: needs a value.`;
  const follow = options.filter((o): o is SubscriptionOption => (SUBSCRIPTION_KINDS as readonly string[]).includes(o.kind));
  if (!follow.length) return `Say what to follow as well: ${SUBSCRIPTION_KINDS.map((k) => `${k}:`).join(', ')}.`;
  const delivery = deliveryOption(Object.fromEntries(options.filter((o) => !follow.includes(o as SubscriptionOption)).map((o) => [o.kind, o.value])));
  if (typeof delivery === 'string') return delivery;
  return delivery ? { options: follow, delivery } : { options: follow };
}

/** The delivery options given, whether typed or picked (Discord): none, or digest: with tz: and lists: when given. */
export function deliveryOption(given: Partial<DeliveryOption>): DeliveryOption | undefined | string {
  if (!Object.keys(given).length) return undefined;
  if (!given.digest) return 'tz: and lists: go with digest:<HH:MM>.';
  return given as DeliveryOption;
}

/** `muted`, `muted undo <id>`. */
function parseMutedRequest([action, n, ...extra]: string[]): Request {
  if (action === undefined) return { kind: 'muted' };
  if (action.toLowerCase() !== 'undo' || extra.length || !/^[1-9]\d{0,14}$/.test(n ?? '')) {
    return { kind: 'invalid', problem: 'Use muted to list what this channel muted, and muted undo <id> to alert it again.' };
  }
  return { kind: 'unmute', id: Number(n) };
}

/** `feeds`, `feeds list`, `feeds add <url>`, `feeds remove <url>`. */
function parseFeedsRequest([action = 'list', ...url]: string[]): Request {
  const verb = action.toLowerCase() as FeedsAction;
  if (!FEEDS_ACTIONS.includes(verb)) return { kind: 'invalid', problem: `"${clip(action, 80)}" is not a feeds action; use feeds list, feeds add <url> or feeds remove <url>.` };
  if (verb === 'list') return { kind: 'feeds', action: verb };
  return url.length ? { kind: 'feeds', action: verb, url: url.join(' ') } : { kind: 'invalid', problem: `feeds ${verb} needs the feed's URL.` };
}

export function parseRequest(input: string): Request {
  const text = input.trim();
  const [word = '', ...rest] = text.split(/\s+/);
  const tail = rest.join(' ');
  switch (word.toLowerCase()) {
    case '':
    case 'help':
      return { kind: 'help' };
    case 'subscriptions':
    case 'status':
      return { kind: word.toLowerCase() as 'subscriptions' | 'status' };
    case 'history':
      return tail ? { kind: 'history', query: tail } : { kind: 'invalid', problem: 'The history of which name?' };
    case 'subscribe':
    case 'unsubscribe': {
      const parsed = parseSubscriptionOptions(tail);
      if (typeof parsed === 'string') return { kind: 'invalid', problem: parsed };
      if (parsed.delivery && word.toLowerCase() === 'unsubscribe') return { kind: 'invalid', problem: 'digest: goes with subscribe: unsubscribe stops following altogether.' };
      return { kind: word.toLowerCase() as 'subscribe', ...parsed };
    }
    case 'feeds':
      return parseFeedsRequest(rest);
    case 'screen':
      return { kind: 'screen', path: tail };
    case 'mute':
      return /^[\w-]{1,64}$/.test(tail) ? { kind: 'mute', token: tail } : { kind: 'invalid', problem: 'Mute what? Use the "Not this entity" action under an alert.' };
    case 'muted':
      return parseMutedRequest(rest);
    case 'share':
      return tail ? { kind: 'lookup', query: tail, share: true } : { kind: 'invalid', problem: 'Share which name?' };
    default:
      return { kind: 'lookup', query: text, share: false };
  }
}

/** Whether the request changes something: a replay of it is refused (src/replay.ts). */
export function changesState(request: Request): boolean {
  return ['subscribe', 'unsubscribe', 'mute', 'unmute'].includes(request.kind) || (request.kind === 'feeds' && request.action !== 'list');
}

/** Whether the answer depends on the user being allowed to manage the channel (Slack asks users.info only then): `feeds` shows managers URLs and errors. */
const MANAGED: ReadonlySet<Request['kind']> = new Set(['subscribe', 'unsubscribe', 'status', 'feeds', 'mute', 'unmute']);

export function needsManagerCheck(request: Request): boolean {
  return MANAGED.has(request.kind);
}
