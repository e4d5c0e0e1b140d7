// Scans one article, plain text or HTML, and reports mentions with offsets into the input as given.
import { findInTokens, type FindOptions, type Mention, toMentions } from './find.ts';
import { looksLikeHtml, stripHtml } from './html.ts';
import type { MentionIndex } from './mention-index.ts';
import { tokenizeText } from './text-tokens.ts';

/**
 * The mentions in an article. HTML (detected, or forced with `isHtml`) is read as the visible text
 * it renders, while start/end stay offsets into `input` itself: input.slice(start, end) is the
 * matched text, markup and entities included where the name spans them.
 */
export function scanArticle(index: MentionIndex, input: string, isHtml?: boolean, options: FindOptions = {}): Mention[] {
  if (!(isHtml ?? looksLikeHtml(input))) {
    const tokens = tokenizeText(index.lexicon, input);
    return toMentions(index, tokens, findInTokens(index, tokens, options), input);
  }
  const visible = stripHtml(input);
  const tokens = tokenizeText(index.lexicon, visible.text);
  return toMentions(index, tokens, findInTokens(index, tokens, options), input, { start: visible.rawStart, end: visible.rawEnd });
}
