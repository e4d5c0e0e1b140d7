// The sender's port to a chat platform: post one alert to one channel, and say what the platform answered.
import type { Reply } from '../messages/reply.ts';

/** What a transport may need besides the message. */
export interface Delivery {
  /** Unique per channel and cause: a transport passes it on as an idempotency key where the platform takes one. */
  dedupeKey: string;
  /**
   * An earlier attempt may have posted the message already (it failed without a clear answer, or its process died
   * mid-send): a transport that can look, looks before posting again.
   */
  repeat: boolean;
  /** When the alert was queued: nothing about it was posted before then. */
  queuedAt: string;
}

export type DeliveryResult =
  | { ok: true }
  | {
      ok: false;
      error: string;
      /** Rate limited: try again after this long, and post nothing to the channel (the platform, when `global`) until then. */
      retryAfterMs?: number;
      global?: boolean;
      /**
       * The platform refused the bot's own credentials (a token revoked, rotated, or refused for a while): no alert to
       * the platform can go until that is mended, and none is given up meanwhile.
       */
      unauthorized?: boolean;
      /** The channel is gone or the bot was removed from it: pause its subscriptions, never retry. */
      gone?: boolean;
      /** The platform refused this very message (malformed, too large): trying it again cannot help. */
      permanent?: boolean;
    };

export type Transport = (channelId: string, message: Reply, delivery: Delivery) => Promise<DeliveryResult>;
