// `/sanctions screen`: a CSV file of names screened against the lists, the same flow on every platform (each adapter gives only its calls); a summary and the result CSV as the answer, progress while it runs.
import { log } from '../src/log.ts';
import type { Catalog } from '../src/designations/catalog.ts';
import { type Reply, textReply } from '../src/messages/reply.ts';
import type { ProgressListener } from '../src/progress.ts';
import { downloadUpload } from '../src/screening/download.ts';
import { MAX_FILE_BYTES, MAX_ROWS, ScreeningInputError, checkFileSize, readScreeningFile } from '../src/screening/input.ts';
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
function screenProblem(fileName: string, problem: string): Reply {
  return textReply(`Cannot screen ${fileName}: ${problem}`, true, [FILE_RULES]);
}

function screenProgress(fileName: string, done: number, total: number): Reply {
  const percent = total ? Math.floor((done / total) * 100) : 0;
  return textReply(`Screening ${fileName}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows (${percent}%)…`);
}

/** This process's line, shared by every platform's screenings (an adapter may be given its own: CommandDeps.screenings). */
const processScreenings = screeningQueue();

/**
 * Runs `screen` when its turn comes: at once, or after those ahead of it (one screening at a time per tenant, a few
 * in all), `show` telling the user its place meanwhile. A full line is refused, said through `show`; nothing runs.
 */
async function screenInTurn(
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

/** A file as a platform describes one a user shared: where it is, how large it says it is, who may fetch it. */
export interface SharedFile {
  name: string;
  /** The size the platform declares, checked before anything is downloaded. */
  size?: number;
  url?: string;
  /** The platform's own file hosts: nothing is fetched from anywhere else, so that its token goes nowhere else. */
  allowedOrigins: string[];
  headers?: Record<string, string>;
}

/** A shared file's bytes: within the size limit, from the platform's hosts only, in bounded time; a ScreeningInputError saying why not. */
async function downloadShared(file: SharedFile): Promise<Uint8Array> {
  if (file.size !== undefined) checkFileSize(file.size);
  if (!file.url) throw new ScreeningInputError('the platform gives no address to download it from.');
  return downloadUpload(file.url, { allowedOrigins: file.allowedOrigins, headers: file.headers });
}

/** Fetches a file and screens it; a file that cannot be had or screened is answered with why (screenProblem), never thrown. */
export async function screenFetched(name: string, fetch: () => Promise<Uint8Array>, catalog: Pick<Catalog, 'search'>, onProgress?: ProgressListener): Promise<Reply> {
  let bytes: Uint8Array;
  try {
    bytes = await fetch();
  } catch (err) {
    if (err instanceof ScreeningInputError) return screenProblem(name, err.message);
    throw err;
  }
  return screenUpload({ name, bytes }, catalog, onProgress);
}

/** A platform's part in screening a file shared in chat: its own calls, none of the flow. */
export interface ScreeningCalls {
  /** Describes the file (asking the platform when the event left it out): what downloadShared fetches. */
  locate(): Promise<SharedFile>;
  /** Shows the asker how it stands: the first call posts, each later one replaces what was shown (a place in line, progress, the summary). */
  show(reply: Reply): Promise<unknown>;
  /** Hands the asker the result files, `reply.text` saying what they are. */
  upload(reply: Reply & { files: NonNullable<Reply['files']> }): Promise<unknown>;
}

export interface ChatScreening {
  tenant: string;
  /** The file's name as the event gives it, for the messages before it is located. */
  name: string;
  catalog: Pick<Catalog, 'search'>;
  queue?: ScreeningQueue;
  /** Least time between progress updates (default every 2 s). */
  progressEveryMs?: number;
  /** What the log says of a failure: the platform, the channel, the request. */
  where: Record<string, unknown>;
}

/**
 * Screens a file shared in chat, every platform alike: it waits its turn in the line, is downloaded within the bounds,
 * shows progress, then the summary, then the result file. A file that cannot be screened is answered with why; any other
 * failure is logged and answered with a short apology. Never rejects.
 */
export async function screenShared(screening: ChatScreening, calls: ScreeningCalls): Promise<void> {
  const { tenant, name, catalog, where } = screening;
  try {
    await screenInTurn(
      tenant,
      name,
      calls.show,
      async () => {
        const file = await calls.locate();
        const updates = progressUpdates(calls.show, file.name, screening.progressEveryMs);
        const { files, ...summary } = await screenFetched(file.name, () => downloadShared(file), catalog, updates.listener);
        await updates.settled();
        await calls.show(summary);
        if (files?.length) await calls.upload({ ...textReply(`The result of screening ${file.name}`), files });
      },
      screening.queue,
    );
  } catch (err) {
    log.error({ err, ...where, file: name }, 'screening a shared file failed');
    await calls.show(textReply(`Something went wrong screening ${name}. Please try again in a moment.`)).catch(() => undefined);
  }
}
