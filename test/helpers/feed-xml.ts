// RSS 2.0 written for a test: the items a feed publishes at some moment, dated as the test needs.

export interface RssItem {
  title: string;
  link: string | null;
  guid: string;
  /** null: an item the feed gives no date. */
  published: Date | null;
  /** The description: the article's text. */
  text: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, items: readonly RssItem[]): string {
  const entries = items.map(
    (i) =>
      `<item><title>${escapeXml(i.title)}</title>${i.link ? `<link>${escapeXml(i.link)}</link>` : ''}<guid isPermaLink="false">${escapeXml(i.guid)}</guid>` +
      `${i.published ? `<pubDate>${i.published.toUTCString()}</pubDate>` : ''}<description>${escapeXml(i.text)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://feeds.example/</link><description>A test feed</description>${entries.join('')}</channel></rss>`;
}
