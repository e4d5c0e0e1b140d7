// `/sanctions ...`: runs a parsed request, and turns unusable input into a short usage reply.
import { tokenize } from '../src/designations/normalize.ts';
import { MAX_QUERY_LENGTH } from '../src/designations/search.ts';
import type { CommandContext } from './context.ts';
import { feeds } from './feeds.ts';
import { help, usage } from './help.ts';
import { lookup } from './lookup.ts';
import { type Reply, textReply } from '../src/messages/reply.ts';
import { type Request, parseRequest } from './request.ts';
import { changeSubscriptions, listSubscriptions } from './subscribe.ts';

export async function handle(request: Request, ctx: CommandContext): Promise<Reply> {
  const problem = (text: string): Reply => textReply(text, true, usage(ctx.platform));
  switch (request.kind) {
    case 'help':
      return help(ctx.platform);
    case 'invalid':
      return problem(request.problem);
    case 'subscriptions':
      return listSubscriptions(ctx);
    case 'subscribe':
    case 'unsubscribe':
      return changeSubscriptions(request.kind, request.options, ctx);
    case 'feeds':
      return feeds(request, ctx);
    case 'lookup':
      if (request.query.length > MAX_QUERY_LENGTH) {
        return problem(`That is longer than any listed name (${MAX_QUERY_LENGTH} characters at most).`);
      }
      if (tokenize(request.query).length === 0) return problem('Give a name to look up: letters or digits, in any script.');
      return lookup(request.query, { ...ctx, share: request.share });
  }
}

/** The whole command from its text, as Slack and the console send it. */
export function sanctions(text: string, ctx: CommandContext): Promise<Reply> {
  return handle(parseRequest(text), ctx);
}
