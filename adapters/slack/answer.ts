// Answers a slash command within Slack's 3 seconds: in the acknowledgement when the reply is ready in time, else through the response URL.
import { setTimeout as sleep } from 'node:timers/promises';
import { readyWithin } from '../../commands/answer.ts';
import type { SlackMessage } from './render.ts';

export interface Answerer {
  /** Slack's acknowledgement, with the message as its body or with none. */
  ack(message?: SlackMessage): Promise<void>;
  /** Posts to the command's response_url (Bolt's `respond`, which throws a RespondError on a non-2xx status). */
  respond(message: SlackMessage): Promise<unknown>;
}

const RESPOND_ATTEMPTS = 3;
// Bolt's respond() does not pass on a 429's Retry-After, so a rate-limited post waits this long per attempt.
const RESPOND_RETRY_MS = 1000;

/** `reply` must not reject: it turns its own failures into a message. */
export async function answerInTime(reply: () => Promise<SlackMessage>, answerer: Answerer, ackAfterMs: number): Promise<void> {
  const started = performance.now();
  const pending = reply();
  const first = await readyWithin(pending, ackAfterMs, started);
  if (first) return answerer.ack(first);
  await answerer.ack();
  await respondRetrying(answerer, await pending);
}

async function respondRetrying(answerer: Answerer, message: SlackMessage): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await answerer.respond(message);
      return;
    } catch (err) {
      // Only a 429 is sure to have posted nothing; retrying anything else could post the reply twice.
      if ((err as { statusCode?: number }).statusCode !== 429 || attempt === RESPOND_ATTEMPTS) throw err;
      await sleep(RESPOND_RETRY_MS * attempt);
    }
  }
}
