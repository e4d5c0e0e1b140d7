// "Not this entity": a channel's verdict that an alert's match was wrong, the token its action carries, and the filter that keeps it muted.
import { createHash } from 'node:crypto';
import { normalizeName } from '../designations/normalize.ts';

/** An entity one alert named: what its "Not this entity" action records when clicked, found by its token. */
export interface AlertMention {
  /** Short enough for a Discord custom_id: the same entity, text and article always give the same token. */
  token: string;
  entityId: string;
  matched: string;
  articleLink: string | null;
  articleTitle: string;
  createdAt: string;
}

export interface NewVerdict {
  platform: string;
  channelId: string;
  entityId: string;
  entityName: string;
  matched: string;
  normalized: string;
  articleLink: string | null;
  articleTitle: string;
  userId: string;
  createdAt: string;
}

export interface Verdict extends NewVerdict {
  id: number;
}

/** The action kind a card's "Not this entity" button has, and the prefix of the value it carries. */
export const MUTE = 'mute';

/** The article text as a verdict compares it: case, accents, script and punctuation folded (`Sek-Studio` = `SEK STUDIO`). */
export function normalizedMatch(matched: string): string {
  return normalizeName(matched);
}

/** 16 characters of base64url: collisions are out of reach for the alerts one bot sends. */
export function mentionToken(entityId: string, matched: string, articleKey: string): string {
  return createHash('sha256').update(`${entityId}\u0000${normalizedMatch(matched)}\u0000${articleKey}`).digest('base64url').slice(0, 16);
}

/** Whether a channel has a verdict against this entity matched by this text. */
export type Muted = (platform: string, channelId: string, entityId: string, matched: string) => boolean;

export function mutedBy(verdicts: readonly Pick<Verdict, 'platform' | 'channelId' | 'entityId' | 'normalized'>[]): Muted {
  const key = (platform: string, channelId: string, entityId: string, normalized: string) => JSON.stringify([platform, channelId, entityId, normalized]);
  const keys = new Set(verdicts.map((v) => key(v.platform, v.channelId, v.entityId, v.normalized)));
  return (platform, channelId, entityId, matched) => keys.has(key(platform, channelId, entityId, normalizedMatch(matched)));
}

export const NOTHING_MUTED: Muted = () => false;
