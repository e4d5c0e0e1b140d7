// Real captured feeds, in every format and encoding the poller must read, parsed into FeedItems.
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feeds/feed.ts';
import { MAX_PARSED_ITEMS, MAX_PARSED_TEXT_RUN } from '../../src/feeds/limits.ts';
import { decodeXml, firstItems, parseFeed, shortTextRuns } from '../../src/feeds/parse.ts';
import { fixture } from '../helpers/feed-server.ts';

const parse = (name: string, url = `https://feeds.example.org/${name}`, contentType: string | null = null) => parseFeed(fixture(name), contentType, url);

describe('formats', () => {
  it('reads RSS 2.0: title, link, guid, date and the description as summary', async () => {
    const feed = await parse('guardian.rss');
    expect(feed.title).toBe('The Guardian');
    expect(feed.items).toHaveLength(55);
    expect(feed.items[0]).toMatchObject({
      key: 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
      title: 'Trump State of the Union address promised unity but emphasized discord',
      published: '2018-01-31T07:26:05.000Z',
      feedTitle: 'The Guardian',
      content: '',
    });
    // Text is kept as the feed gives it: stripping HTML is the mentions scanner's job.
    expect(feed.items[0]!.summary).toMatch(/^<p>The president’s ‘new American moment’ speech/);
  });

  it('reads RSS 2.0 content:encoded as content', async () => {
    const feed = await parse('content-encoded.rss');
    expect(feed.items[0]!.content).toMatch(/^<h4>Using Wild Ingredients in the\u00a0Kitchen<\/h4>/);
    expect(feed.items[0]!.key).toBe('https://medium.com/p/125af37d838f');
  });

  it('reads RSS 1.0/RDF, keyed by link, dated by dc:date', async () => {
    const feed = await parse('rss-1.rss');
    expect(feed.items).toHaveLength(69);
    expect(feed.items[0]).toMatchObject({
      key: 'http://science.sciencemag.org/cgi/content/short/356/6343/1134-a?rss=1',
      title: 'Food for fungi',
      published: '2017-06-15T17:29:47.000Z',
    });
  });

  it('reads Atom 1.0: id as key, summary and content apart', async () => {
    const feed = await parse('heise.atom');
    expect(feed.items).toHaveLength(15);
    const [first] = feed.items;
    expect(first).toMatchObject({ key: 'http://heise.de/-3088438', title: 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei', published: '2016-02-01T16:22:00.000Z' });
    expect(first!.summary).toMatch(/^Die nun verfügbare Version 10/);
    expect(first!.content).toMatch(/<a href="http:\/\/www\.heise\.de\/developer\/meldung/);
  });

  it('reads Atom 0.3 (Shift_JIS), dated by issued', async () => {
    const feed = await parse('brag-zakato-shift_jis.atom');
    expect(feed.title).toBe('BRAG ZAKATO HEADLINE');
    expect(feed.items).toHaveLength(10);
    expect(feed.items[0]).toMatchObject({
      key: 'tag:blogger.com,1999:blog-5867717.post-111529293892556057',
      link: 'http://brag.zaka.to/2005/05/money-yomiuri-on-line.html',
      published: '2005-05-05T11:35:00.000Z',
    });
    expect(feed.items[0]!.title).toMatch(/^ＢＳデジタル、０７年度から２局増/);
  });

  it('refuses what is not a feed, and broken XML, with a reason', async () => {
    await expect(parse('unrecognized.rss')).rejects.toThrow(new FeedError('not a feed: Feed not recognized as RSS 1 or 2.'));
    const broken = Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</item></channel></rss>');
    await expect(parseFeed(broken, null, 'https://example.org/')).rejects.toThrow(/^not a feed: /);
    await expect(parseFeed(Buffer.from(''), null, 'https://example.org/')).rejects.toThrow(FeedError);
  });

  it('skips entries with nothing to read', async () => {
    expect((await parse('incomplete-fields.atom')).items).toEqual([]);
  });
});

describe('encodings', () => {
  it('windows-1251 and KOI8-R give the same 30 items', async () => {
    const cp1251 = await parse('newsru-windows-1251.rss');
    const koi8 = await parse('newsru-koi8-r.rss');
    expect(cp1251.items).toHaveLength(30);
    expect(koi8.items.map((i) => i.title)).toEqual(cp1251.items.map((i) => i.title));
    expect(koi8.items.map((i) => i.summary)).toEqual(cp1251.items.map((i) => i.summary));
    expect(cp1251.items[0]!.title).toBe('В Турции психически нездоровый мужчина взорвал хлопушку в здании Минюста');
  });

  it('decodes GB2312, Shift_JIS, EUC-JP and ISO-8859-7', async () => {
    const gb = await parse('acnnewswire-gb2312.rss');
    expect(gb.items[0]!.title).toBe('JCB 与中国银联（China UnionPay）完成ATM网关协议的签订；CUP持卡者得以第一次在日本享受使用ATM网络的权利');
    // No space before the zone: "Tue, 27 Dec 2005 13:08:54+0900".
    expect(gb.items[0]!.published).toBe('2005-12-27T04:08:54.000Z');
    expect((await parse('arclamp-euc-jp.rdf')).items[0]!.title).toBe('あなたには選択権がある（フリーランスのススメ2）');
    const greek = await parse('hotstation-iso-8859-7.rss');
    expect(greek.items.map((i) => i.title)).toContain('Οι Helloween σε Θεσσαλονίκη και Αθήνα - Κερδίστε προσκλήσεις');
    // Escaped twice at the source: after XML parsing it still reads &#8230;, as given.
    expect(greek.items.map((i) => i.title)).toContain('Suave Gap &#8230;have a happy pop/punk new year!');
  });

  it('follows the Content-Type charset over the declaration, unless the bytes are not valid in it', () => {
    const koi8 = fixture('newsru-koi8-r.rss');
    expect(decodeXml(koi8, 'application/rss+xml; charset=koi8-r')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    // Servers label bodies UTF-8 by default: invalid UTF-8 falls back to the declaration.
    expect(decodeXml(koi8, 'text/xml; charset=utf-8')).toContain('<title>NEWSru.com</title>');
    expect(decodeXml(koi8, 'text/xml; charset=utf-8')).toContain('В Турции');
    expect(decodeXml(Buffer.from('\ufeff<?xml version="1.0" encoding="windows-1251"?><a>é</a>'), null)).toBe('<?xml version="1.0" encoding="UTF-8"?><a>é</a>');
  });
});

describe('keys and links', () => {
  it('resolves relative links against the feed URL', async () => {
    const feed = await parse('gulp-releases.atom', 'https://github.com/gulpjs/gulp/releases.atom');
    expect(feed.items[0]!.link).toBe('https://github.com/gulpjs/gulp/releases/tag/v3.9.0');
    expect(feed.items.every((i) => i.link?.startsWith('https://github.com/gulpjs/gulp/releases/tag/'))).toBe(true);
  });

  it('keys items without guid by link, and without link by a hash of title and date', async () => {
    const newsru = await parse('newsru-windows-1251.rss');
    expect(newsru.items[0]!.key).toBe('http://www.newsru.com/world/03jan2006/ankara.html');
    const [job] = (await parse('dival-no-guid.rss')).items;
    expect(job).toMatchObject({ link: null, published: null, title: 'Oferta de Empleo Público // 3 PROFESOR/A TÉCNICO/A (INGENIE. TÉC. FORESTAL) 17/17' });
    expect(job!.key).toMatch(/^hash:[0-9a-f]{64}$/);
    expect((await parse('dival-no-guid.rss')).items[0]!.key).toBe(job!.key);
  });

  it('counts a repeated guid once', async () => {
    const xml = fixture('guardian.rss').toString('utf8');
    const firstItem = /<item>[\s\S]*?<\/item>/.exec(xml)![0];
    const doubled = xml.replace(firstItem, firstItem + firstItem.replace(/<title>[^<]*/, '<title>Same guid, new title'));
    const feed = await parseFeed(Buffer.from(doubled), null, 'https://www.theguardian.com/us/rss');
    expect(feed.items).toHaveLength(55);
    expect(feed.items[0]!.title).toBe('Trump State of the Union address promised unity but emphasized discord');
  });

  it('drops links that are not http(s)', async () => {
    const xml = '<rss version="2.0"><channel><title>t</title><item><title>a</title><link>javascript:alert(1)</link></item></channel></rss>';
    const [item] = (await parseFeed(Buffer.from(xml), null, 'https://example.org/feed')).items;
    expect(item!.link).toBeNull();
    expect(item!.key).toMatch(/^hash:/);
  });
});

describe('feeds of more items than are parsed', () => {
  it.each([['guardian.rss'], ['heise.atom'], ['rss-1.rss'], ['gulp-releases.atom']])('%s cut after its third item still parses, into its first three items', async (name) => {
    const whole = await parse(name);
    const { xml, truncated } = firstItems(decodeXml(fixture(name), null), 3);
    expect(truncated).toBe(true);
    const cut = await parseFeed(Buffer.from(xml), null, `https://feeds.example.org/${name}`);
    expect(cut.title).toBe(whole.title);
    expect(cut.items).toEqual(whole.items.slice(0, 3));
  });

  it('leaves a feed of no more items than that as it is', async () => {
    const xml = decodeXml(fixture('guardian.rss'), null);
    expect(firstItems(xml, 55)).toEqual({ xml, truncated: false });
    expect((await parse('guardian.rss')).truncated).toBe(false);
  });

  it(`parses the first ${MAX_PARSED_ITEMS.toLocaleString('en-US')} items of a feed of 100,000, and says it did`, async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => `<item><title>Story ${i}</title><guid>g${i}</guid><description><![CDATA[<p>Text ${i}</p>]]></description></item>`);
    const xml = `<?xml version="1.0"?><!-- a comment --><rss version="2.0"><channel><title>Big</title>${items.join('\n')}</channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml), null, 'https://feeds.example.org/big');
    expect(feed.truncated).toBe(true);
    expect(feed.items).toHaveLength(MAX_PARSED_ITEMS);
    expect(feed.items.at(-1)).toMatchObject({ key: `g${MAX_PARSED_ITEMS - 1}`, summary: `<p>Text ${MAX_PARSED_ITEMS - 1}</p>` });
  });
});

describe('runs of text longer than are parsed', () => {
  it('cuts a title of megabytes, and CDATA text, to their first 64 KB and last 256 characters, the rest of the feed intact', async () => {
    const long = (mark: string) => `${mark}${'SEK Studio '.repeat(300_000)}${mark}`;
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>
      <item><title>${long('T')}</title><guid>one</guid><description><![CDATA[${long('D')}]]></description></item>
      <item><title>Second</title><guid>two</guid><description>short</description></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml), null, 'https://feeds.example.org/long');
    const [first, second] = feed.items;
    // Each run begins after a `<`: `title>…`, `![CDATA[…]]>`.
    expect(first!.title).toHaveLength(MAX_PARSED_TEXT_RUN - 'title>'.length + 256);
    expect(first!.summary).toHaveLength(MAX_PARSED_TEXT_RUN - '![CDATA['.length + 256 - ']]>'.length);
    expect([first!.title.at(-1), first!.summary.at(-1)]).toEqual(['T', 'D']);
    expect(second).toMatchObject({ key: 'two', title: 'Second', summary: 'short' });
  });

  it('leaves a real full-text feed as it is', () => {
    const xml = decodeXml(fixture('content-encoded.rss'), null);
    expect(shortTextRuns(xml, MAX_PARSED_TEXT_RUN)).toBe(xml);
  });
});

describe('parsing off the main thread', () => {
  const dense = () => {
    const names = 'SEK Studio Korea Kwangson Banking Corp Kim Jong Un '.repeat(600);
    const items = Array.from({ length: MAX_PARSED_ITEMS }, (_, i) => `<item><title>Report ${i}</title><guid>d${i}</guid><description>${names}</description></item>`);
    return Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>Dense</title>${items.join('\n')}</channel></rss>`);
  };

  it('turns the event loop while megabytes of feed are parsed', async () => {
    const body = dense();
    expect(body.length).toBeGreaterThan(10e6);
    let turns = 0;
    let parsing = true;
    const turn = () => {
      turns++;
      if (parsing) setImmediate(turn);
    };
    const parsed = parseFeed(body, null, 'https://feeds.example.org/dense');
    setImmediate(turn);
    const feed = await parsed.finally(() => (parsing = false));
    expect(feed.items).toHaveLength(MAX_PARSED_ITEMS);
    // The parser's tens of milliseconds go by in its worker while the loop turns; parsed in place, it would turn once.
    expect(turns).toBeGreaterThan(10);
  });

  it('gives up a parse that outlasts its deadline with a reason, and parses the next feed in a fresh worker', async () => {
    await expect(parseFeed(dense(), null, 'https://feeds.example.org/dense', 1)).rejects.toThrow(new FeedError('not a feed: not parsed within 1 ms'));
    expect((await parse('guardian.rss')).items.length).toBeGreaterThan(3);
  });
});
