// `/sanctions ...`: picks the subcommand from the text and turns unusable input into a usage reply.
import { MAX_QUERY_LENGTH } from '../src/designations/search.ts';
import { tokenize } from '../src/designations/normalize.ts';
import type { CommandContext } from './context.ts';
import { USAGE, help } from './help.ts';
import { lookup } from './lookup.ts';
import { type Reply, textReply } from './reply.ts';

function usage(problem: string): Reply {
  return textReply(problem, true, USAGE);
}

export async function sanctions(input: string, ctx: CommandContext): Promise<Reply> {
  const text = input.trim();
  const [first = ''] = text.split(/\s+/, 1);
  if (!text || first.toLowerCase() === 'help') return help();
  if (text.length > MAX_QUERY_LENGTH) return usage(`That is longer than any listed name (${MAX_QUERY_LENGTH} characters at most).`);
  if (tokenize(text).length === 0) return usage('Give a name to look up: letters or digits, in any script.');
  return lookup(text, ctx);
}
