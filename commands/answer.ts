// What both chat adapters do around a command: run it with failures turned into a short reply, and race the platform's acknowledgement deadline.
import { log } from '../src/log.ts';
import { type Reply, textReply } from '../src/messages/reply.ts';
import type { CommandContext } from './context.ts';
import type { Request } from './request.ts';
import { handle } from './sanctions.ts';

/** What the asker sees when a command fails: short, private, without the error (which goes to the log). */
export const FAILURE: Reply = textReply('Something went wrong answering that. Please try again in a moment.');

/** The request's reply; a failure is logged with `where` and answered with FAILURE. Never rejects. */
export async function answerRequest(request: Request, ctx: CommandContext, where: Record<string, unknown>): Promise<Reply> {
  try {
    return await handle(request, ctx);
  } catch (err) {
    log.error({ err, ...where, platform: ctx.platform, channelId: ctx.channelId, userId: ctx.userId, request: request.kind }, 'command failed');
    return FAILURE;
  }
}

/**
 * `work`'s value when it is ready within `ms` of `started` (when the platform's clock to answer at once began: before
 * the work was started, whose synchronous part counts too), else undefined: the adapter then acknowledges and answers
 * later. Work that held the event loop past `ms` counts as late, though it settled before the timer could fire.
 */
export async function readyWithin<T>(work: Promise<T>, ms: number, started: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms - (performance.now() - started)));
  });
  try {
    const first = await Promise.race([work, late]);
    return first !== undefined && performance.now() - started <= ms ? first : undefined;
  } finally {
    clearTimeout(timer);
  }
}
