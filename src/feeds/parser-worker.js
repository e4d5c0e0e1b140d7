// The parsers off the main thread: a page through linkedom and Readability ({ title, content }), a feed's XML through rss-parser (its output).
// Plain JavaScript so that any Node process can start it (the bot, the command line, tests), whatever loads the TypeScript.
import { parentPort } from 'node:worker_threads';

const parsers = {
  async page(html) {
    const [{ Readability }, { parseHTML }] = await Promise.all([import('@mozilla/readability'), import('linkedom')]);
    const article = new Readability(parseHTML(html).document).parse();
    return { title: article?.title ?? '', content: article?.content ?? '' };
  },
  async feed(xml) {
    const { default: Parser } = await import('rss-parser');
    // Raw attributes (`$`) of the feed and of each item carry xml:base; Atom 0.3 dates its entries with issued/modified/created.
    // rss-parser renames feed fields as it does item fields.
    const parser = new Parser({
      customFields: {
        feed: [['$', 'attrs', { keepArray: true }]],
        item: [['$', 'attrs', { keepArray: true }], ['description', 'rssDescription'], 'issued', 'modified', 'created'],
      },
    });
    return parser.parseString(xml);
  },
};

parentPort.on('message', async ({ id, kind, input }) => {
  try {
    parentPort.postMessage({ id, value: await parsers[kind](input) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
