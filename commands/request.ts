// What a user asked for, parsed from `/sanctions ...` text (Slack, console) or built from slash-command options (Discord).
import { SUBSCRIPTION_KINDS, type SubscriptionKind } from '../src/alerts/subscription.ts';

export interface SubscriptionOption {
  kind: SubscriptionKind;
  /** As the user typed it: a country name or code, a program code, an entity name or id. */
  value: string;
}

export const FEEDS_ACTIONS = ['list', 'add', 'remove'] as const;
export type FeedsAction = (typeof FEEDS_ACTIONS)[number];

export type Request =
  | { kind: 'lookup'; query: string; share: boolean }
  | { kind: 'feeds'; action: FeedsAction; url?: string }
  | { kind: 'subscribe' | 'unsubscribe'; options: SubscriptionOption[] }
  | { kind: 'subscriptions' }
  | { kind: 'help' }
  | { kind: 'invalid'; problem: string };

const OPTION = new RegExp(`(?:^|\\s)(${SUBSCRIPTION_KINDS.join('|')}):`, 'gi');

/**
 * `country:North Korea program:GLOMAG entity:"SEK Studio"`: each value runs to the next option or
 * the end, so names with spaces need no quotes (quotes are allowed).
 */
export function parseSubscriptionOptions(text: string): SubscriptionOption[] | string {
  const starts = [...text.matchAll(OPTION)];
  if (!starts.length) return `Say what to follow: ${SUBSCRIPTION_KINDS.map((k) => `${k}:<${k === 'country' ? 'name or code' : k === 'program' ? 'code' : 'name or id'}>`).join(', ')}.`;
  if (text.slice(0, starts[0]!.index).trim()) return `"${text.slice(0, starts[0]!.index).trim()}" is not an option; use country:, program: or entity:.`;
  const options: SubscriptionOption[] = [];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : text.length;
    const value = text
      .slice(m.index + m[0].length, end)
      .trim()
      .replace(/^["'“](.*)["'”]$/s, '$1')
      .trim();
    options.push({ kind: m[1]!.toLowerCase() as SubscriptionKind, value });
  });
  const empty = options.find((o) => !o.value);
  return empty ? `${empty.kind}: needs a value.` : options;
}

/** `feeds`, `feeds list`, `feeds add <url>`, `feeds remove <url>`. */
function parseFeedsRequest([action = 'list', ...url]: string[]): Request {
  const verb = action.toLowerCase() as FeedsAction;
  if (!FEEDS_ACTIONS.includes(verb)) return { kind: 'invalid', problem: `"${action}" is not a feeds action; use feeds list, feeds add <url> or feeds remove <url>.` };
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
      return { kind: 'subscriptions' };
    case 'subscribe':
    case 'unsubscribe': {
      const options = parseSubscriptionOptions(tail);
      return typeof options === 'string' ? { kind: 'invalid', problem: options } : { kind: word.toLowerCase() as 'subscribe', options };
    }
    case 'feeds':
      return parseFeedsRequest(rest);
    case 'share':
      return tail ? { kind: 'lookup', query: tail, share: true } : { kind: 'invalid', problem: 'Share which name?' };
    default:
      return { kind: 'lookup', query: text, share: false };
  }
}
