// The extraction step off the main thread: linkedom parses a page, Readability finds its article; answers { title, content } or { error }.
// Plain JavaScript so that any Node process can start it (the bot, the command line, tests), whatever loads the TypeScript.
import { parentPort } from 'node:worker_threads';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

parentPort.on('message', ({ id, html }) => {
  try {
    const article = new Readability(parseHTML(html).document).parse();
    parentPort.postMessage({ id, title: article?.title ?? '', content: article?.content ?? '' });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err) });
  }
});
