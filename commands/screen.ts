// `/sanctions screen`: a CSV file of names screened against the lists; a summary and the result CSV as the answer, progress while it runs.
import { log } from '../src/log.ts';
import type { Catalog } from '../src/designations/catalog.ts';
import { type Reply, textReply } from '../src/messages/reply.ts';
import type { ProgressListener } from '../src/progress.ts';
import { MAX_FILE_BYTES, MAX_ROWS, ScreeningInputError, readScreeningFile } from '../src/screening/input.ts';
import { resultCsv, summaryLine } from '../src/screening/result.ts';
import { type ScreeningQueue, screeningQueue } from '../src/screening/queue.ts';
import { type ScreenedRow, screenRows } from '../src/screening/screen.ts';
import type { CommandContext } from './context.ts';
import { syntax } from './help.ts';

/** A file as a platform hands it over: its name as the user gave it, and its bytes. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

/** Chat platforms take about one edit of a message a second; every two seconds leaves room for other replies. */
const PROGRESS_EVERY_MS = 2_000;
const HIGHLIGHTS = 10;

const FILE_RULES =
  `The file: CSV (comma, semicolon or tab separated) with a header row naming a column of names ("name", "full name", "entity", "company"...); ` +
  'optional "country" and "date of birth" columns raise a match that agrees with the listing and lower one that does not. ' +
  `At most ${MAX_ROWS.toLocaleString('en')} rows and ${MAX_FILE_BYTES / 2 ** 20} MB.`;


/** How to hand this platform a file to screen. */
export function screenHowTo(ctx: Pick<CommandContext, 'syntax'>): Reply {
  return textReply(syntax(ctx).screenHowTo, true, [FILE_RULES]);
}

/** A file that cannot be screened, and why, said to the user who gave it. */
export function screenProblem(fileName: string, problem: string): Reply {
  return textReply(`Cannot screen ${fileName}: ${problem}`, true, [FILE_RULES]);
}

export function screenProgress(fileName: string, done: number, total: number): Reply {
  const percent = total ? Math.floor((done / total) * 100) : 0;
  return textReply(`Screening ${fileName}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows (${percent}%)…`);
}

/** This process's line, shared by every platform's screenings (an adapter may be given its own: CommandDeps.screenings). */
const processScreenings = screeningQueue();

/**
 * Runs `screen` when its turn comes: at once, or after those ahead of it (one screening at a time per tenant, a few
 * in all), `show` telling the user its place meanwhile. A full line is refused, said through `show`; nothing runs.
 */
export async function screenInTurn(
  tenant: string,
  fileName: string,
  show: (reply: Reply) => Promise<unknown>,
  screen: () => Promise<void>,
  queue: ScreeningQueue = processScreenings,
): Promise<void> {
  const turn = queue.enter(tenant);
  if (!turn) {
    await show(
      textReply(
        `Cannot screen ${fileName} now: as many screenings as may wait are waiting (${queue.limits.maxWaiting} in all, ${queue.limits.maxWaitingPerTenant} from one workspace or server). ` +
          'Please send it again in a few minutes.',
      ),
    );
    return;
  }
  if (turn.position) {
    const ahead = turn.position === 1 ? 'next in line' : `number ${turn.position} in line`;
    await show(textReply(`${fileName} is ${ahead} to be screened: it starts once the screenings ahead of it are done.`)).catch((err: unknown) =>
      log.warn({ err }, 'could not say a screening is waiting'),
    );
  }
  await turn.started;
  try {
    await screen();
  } finally {
    turn.done();
  }
}

/** `names.csv` -> `names-screened.csv`: a plain file name whatever the upload was called. */
export function resultFileName(fileName: string): string {
  const stem = fileName
    .replace(/^.*[/\\]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 80);
  return `${stem || 'names'}-screened.csv`;
}

const highlight = (r: ScreenedRow) =>
  `Row ${r.input.row}: "${r.input.name}" → ${r.match!.entity.name} (${r.match!.entity.id}), ${r.level}, score ${r.match!.score.toFixed(2)}`;

/** Screens an uploaded file: a summary with the strongest matches, and the result CSV as a file. Never throws for a bad file. */
export async function screenUpload(upload: Upload, catalog: Pick<Catalog, 'search'>, onProgress?: ProgressListener): Promise<Reply> {
  let rows;
  try {
    rows = readScreeningFile(upload.bytes).rows;
  } catch (err) {
    if (err instanceof ScreeningInputError) return screenProblem(upload.name, err.message);
    throw err;
  }
  const screening = await screenRows(catalog, rows, onProgress);
  const matched = [...screening.results.filter((r) => r.level === 'strong'), ...screening.results.filter((r) => r.level === 'possible')];
  const more = matched.length - HIGHLIGHTS;
  const notes = [
    ...matched.slice(0, HIGHLIGHTS).map(highlight),
    ...(more > 0 ? [`…and ${more.toLocaleString('en')} more.`] : []),
    'The result file has every row: its best match, score, list, programs and why.',
  ];
  return {
    text: summaryLine(upload.name, screening),
    cards: [],
    notes,
    ephemeral: true,
    files: [{ name: resultFileName(upload.name), content: resultCsv(screening.results, { bom: true }), contentType: 'text/csv' }],
  };
}

/**
 * Progress as messages: `show` is called with a progress reply at the start and then at most every
 * `everyMs`, never while the last one is still being sent (a slow or rate-limited platform skips
 * updates rather than queueing them). A failed update is logged and skipped.
 */
export function progressUpdates(show: (reply: Reply) => Promise<unknown>, fileName: string, everyMs = PROGRESS_EVERY_MS) {
  let last = -Infinity;
  let inFlight: Promise<void> | null = null;
  const listener: ProgressListener = (_label, done, total) => {
    const now = performance.now();
    // The last step is the summary's to show.
    if (inFlight || done >= total || now - last < everyMs) return;
    last = now;
    inFlight = show(screenProgress(fileName, done, total))
      .then(
        () => undefined,
        (err: unknown) => log.warn({ err }, 'a screening progress update failed'),
      )
      .finally(() => (inFlight = null));
  };
  return { listener, settled: async () => void (await inFlight) };
}
