// An alert waiting in the outbox: written with the change that caused it, sent later, at most once per channel.

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

export interface NewOutboxAlert {
  platform: string;
  channelId: string;
  /** One alert per channel and cause (an article, a list change set): a second one with the same key is dropped. */
  dedupeKey: string;
  /** The alert as the sender renders it (JSON-serialisable). */
  payload: unknown;
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
