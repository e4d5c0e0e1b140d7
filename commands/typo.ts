// A mistyped subcommand (`subscibe country:China`, `/sanction SEK Studio`): the command meant, so that a typo is not just looked up as a name.
import { editDistance } from '../src/designations/similarity.ts';

/** The words `/sanctions` takes first, and `sanctions` itself: the console takes the command retyped. */
const COMMAND_WORDS = ['sanctions', 'help', 'share', 'history', 'subscribe', 'unsubscribe', 'subscriptions', 'feeds', 'status', 'screen', 'mute', 'muted'];
/** Shorter words are one edit from too many names' words. */
const MIN_WORD_LENGTH = 4;
const OPTION = /(^|\s)(country|program|entity|digest|tz|lists):/i;

export interface MeantCommand {
  /** The text as meant, after `/sanctions `: `history SEK Studio`. */
  text: string;
  /** Written as no name is (a leading slash, or options such as `country:`): not worth looking up. */
  certain: boolean;
}

/** The command a lookup's text was meant to be, when its first word is one edit from a subcommand's. */
export function meantCommand(query: string): MeantCommand | undefined {
  const [first = '', ...rest] = query.trim().split(/\s+/);
  const word = first.replace(/^\//, '').toLowerCase();
  if (word.length < MIN_WORD_LENGTH) return undefined;
  const meant = COMMAND_WORDS.find((command) => editDistance(word, command, 1) === 1);
  if (!meant || (meant === 'sanctions' && !rest.length)) return undefined;
  const text = (meant === 'sanctions' ? rest : [meant, ...rest]).join(' ');
  return { text, certain: first.startsWith('/') || OPTION.test(query) };
}
