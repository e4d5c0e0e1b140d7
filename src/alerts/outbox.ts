// An alert waiting in the outbox: written with the change that caused it, sent later, at most once per channel.
import type { StoryMark } from './story.ts';

/** `digest`: waiting for the channel's daily digest, never sent as it is; `digested`: taken into one (alerts/digest.ts). */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'digest' | 'digested';

export interface NewOutboxAlert {
  platform: string;
  channelId: string;
  /** One alert per channel and cause (an article, a list change set): a second one with the same key is dropped. */
  dedupeKey: string;
  /** The alert as the sender renders it (JSON-serialisable). */
  payload: unknown;
  /** Waits for the channel's daily digest instead of going out now (waitsForDigest). */
  digest?: boolean;
  /** The news story it is about: a channel's alerts about one story merge into one (see story.ts). Not stored with the alert. */
  story?: StoryMark;
  /** The listed entities it names, for the summary that folds it when its feed floods (feed-flood.ts). Not stored with the alert. */
  entities?: string[];
}

export interface OutboxAlert extends NewOutboxAlert {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  claimedBy: string | null;
  claimedAt: string | null;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}
