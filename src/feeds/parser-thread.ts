// Runs a parser (parser-worker.js) in a worker thread, one input at a time, each within a deadline: no page or feed holds the event loop.
import { Worker } from 'node:worker_threads';

/** What the worker made of an input: its value, the parser's error, or null when it took too long or the worker died. */
export type Parsed<T> = { value: T } | { error: string } | null;

/**
 * A parser of one kind (`page`: Readability; `feed`: rss-parser) in a worker of its own, started on first use. Inputs wait
 * their turn; one that takes longer than its `timeoutMs` has the worker stopped, and the next input gets a fresh one.
 */
export function parserThread<T>(kind: 'page' | 'feed'): (input: string, timeoutMs: number) => Promise<Parsed<T>> {
  let worker: Worker | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;

  const inWorker = (input: string, timeoutMs: number): Promise<Parsed<T>> => {
    worker ??= startWorker();
    const current = worker;
    const id = ++nextId;
    return new Promise((resolve) => {
      const done = (parsed: Parsed<T>) => {
        clearTimeout(timer);
        current.unref();
        current.off('message', onMessage);
        current.off('error', onError);
        resolve(parsed);
      };
      const onMessage = (message: { id: number; value?: T; error?: string }) => {
        if (message.id === id) done(message.error === undefined ? { value: message.value as T } : { error: message.error });
      };
      const onError = () => {
        if (worker === current) worker = null;
        done(null);
      };
      const timer = setTimeout(() => {
        if (worker === current) worker = null;
        void current.terminate();
        done(null);
      }, timeoutMs);
      current.on('message', onMessage);
      current.on('error', onError);
      // Held while it parses, so that a process with nothing else to do waits for the answer.
      current.ref();
      current.postMessage({ id, kind, input });
    });
  };

  return (input, timeoutMs) => {
    const run = queue.then(() => inWorker(input, timeoutMs));
    queue = run.catch(() => undefined);
    return run;
  };
}

function startWorker(): Worker {
  const started = new Worker(new URL('./parser-worker.js', import.meta.url));
  // Idle, it does not keep the process alive: the command line exits when it is done.
  started.unref();
  return started;
}
