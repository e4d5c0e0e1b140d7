// `/sanctions ...`: runs a parsed request, and turns unusable input into a short usage reply.
import { tokenize } from '../src/designations/normalize.ts';
import { MAX_QUERY_LENGTH } from '../src/designations/search.ts';
import type { CommandContext } from './context.ts';
import { feeds } from './feeds.ts';
import { help, usage } from './help.ts';
import { history } from './history.ts';
import { lookup } from './lookup.ts';
import { listMuted, mute, unmute } from './mute.ts';
import { type Reply, clip, textReply } from '../src/messages/reply.ts';
import { type Request, changesState, parseRequest } from './request.ts';
import { REPLAYED, firstTime } from '../src/replay.ts';
import { screenHowTo } from './screen.ts';
import { changeSubscriptions, listSubscriptions } from './subscribe.ts';
import { status } from './status.ts';
import { meantCommand } from './typo.ts';

/** The requests that read or change what a tenant owns: a channel's rows from before tenancy are its tenant's from then on. */
const TENANT_DATA: ReadonlySet<Request['kind']> = new Set(['feeds', 'subscribe', 'unsubscribe', 'subscriptions', 'status']);

export async function handle(request: Request, ctx: CommandContext): Promise<Reply> {
  if (ctx.requestId && changesState(request) && !(await firstTime(ctx.store, `${ctx.platform}:${ctx.requestId}`))) return textReply(REPLAYED);
  if (TENANT_DATA.has(request.kind)) await ctx.store.adoptChannel(ctx.platform, ctx.channelId, ctx.tenant);
  const problem = (text: string): Reply => textReply(text, true, usage(ctx));
  switch (request.kind) {
    case 'help':
      return help(ctx);
    case 'invalid':
      return problem(request.problem);
    case 'subscriptions':
      return listSubscriptions(ctx);
    case 'subscribe':
    case 'unsubscribe':
      return changeSubscriptions(request.kind, request.options, ctx, request.delivery);
    case 'feeds':
      return feeds(request, ctx);
    case 'status':
      return status(ctx);
    case 'screen':
      return screenHowTo(ctx);
    case 'mute':
      return mute(request.token, ctx);
    case 'muted':
      return listMuted(ctx);
    case 'unmute':
      return unmute(request.id, ctx);
    case 'lookup':
    case 'history':
      if (request.query.length > MAX_QUERY_LENGTH) {
        return problem(`That is longer than any listed name (${MAX_QUERY_LENGTH} characters at most).`);
      }
      if (tokenize(request.query).length === 0) return problem('Give a name to look up: letters or digits, in any script.');
      if (request.kind === 'history') return history(request.query, ctx);
      return lookupOrCommand(request.query, { ...ctx, share: request.share });
  }
}

/**
 * A lookup, unless its first word is a mistyped subcommand: then the command meant, suggested instead when the text
 * cannot be a name, else alongside a lookup that found no exact name (Discord's lookups take a name only).
 */
async function lookupOrCommand(query: string, ctx: CommandContext): Promise<Reply> {
  const meant = ctx.platform === 'discord' ? undefined : meantCommand(query);
  const command = meant && `/sanctions ${clip(meant.text, 200)}`;
  if (meant?.certain) return textReply(`Did you mean ${command}?`, true, ['/sanctions help lists what the bot does.']);
  const reply = await lookup(query, ctx);
  // `Helm` is a vessel's name, not a mistyped `help`.
  const exact = meant && ctx.catalog.search(query, { limit: 1 }).hits[0]?.score === 1;
  return command && !exact ? { ...reply, notes: [`Meant the command? ${command}`, ...reply.notes] } : reply;
}

/** The whole command from its text, as Slack and the console send it. */
export function sanctions(text: string, ctx: CommandContext): Promise<Reply> {
  return handle(parseRequest(text), ctx);
}
