// `sanctions-bot screen FILE.csv [--json] [--out FILE]`: every row of a CSV file of names screened; the result CSV (or JSON) on stdout or in a file.
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Catalog } from '../designations/catalog.ts';
import type { ProgressListener } from '../progress.ts';
import { ScreeningInputError, checkFileSize, readScreeningFile } from './input.ts';
import { resultCsv, screenedRowJson, summaryLine } from './result.ts';
import { screenRows } from './screen.ts';

export interface ScreenIo {
  stdout: NodeJS.WritableStream;
  /** The summary line, so that stdout holds only the result. */
  stderr: NodeJS.WritableStream;
}

const USAGE = 'usage: screen FILE.csv [--json] [--out FILE [--force]]';

function parseArgs(args: string[]): { file: string; json: boolean; out: string | null; force: boolean } {
  let file: string | null = null;
  let json = false;
  let force = false;
  let out: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--force') force = true;
    else if (arg === '--out') {
      out = args[++i] ?? null;
      if (!out) throw new Error(`--out needs a file name; ${USAGE}`);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}; ${USAGE}`);
    else if (file !== null) throw new Error(`one file at a time (got ${file} and ${arg}); ${USAGE}`);
    else file = arg;
  }
  if (file === null) throw new Error(`screen needs a CSV file; ${USAGE}`);
  if (force && !out) throw new Error(`--force goes with --out; ${USAGE}`);
  return { file, json, out, force };
}

const refusal = (out: string) => `${out} exists already; --force writes over it`;

/** A local file's bytes, or a ScreeningInputError saying plainly why it cannot be read. */
export async function readLocalFile(path: string): Promise<Uint8Array> {
  try {
    // Refused before reading: the limit is there so that a huge file costs nothing.
    checkFileSize((await stat(path)).size);
    return await readFile(path);
  } catch (error) {
    if (error instanceof ScreeningInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new ScreeningInputError(why);
  }
}

/**
 * Runs `screen`; a file that cannot be screened is an Error naming it and the problem. The catalog is
 * loaded only once the file has been read, so that a wrong file is refused at once.
 */
export async function runScreen(args: string[], io: ScreenIo, catalog: () => Promise<Pick<Catalog, 'search'>>, onProgress?: ProgressListener): Promise<void> {
  const { file, json, out, force } = parseArgs(args);
  // As the console never writes over a file: refused before the work, and again at the write (made meanwhile).
  if (out && !force && existsSync(out)) throw new Error(refusal(out));
  let input;
  try {
    input = readScreeningFile(await readLocalFile(file));
  } catch (err) {
    if (err instanceof ScreeningInputError) throw new Error(`${file}: ${err.message}`);
    throw err;
  }
  const screening = await screenRows(await catalog(), input.rows, onProgress);
  const result = json ? `${JSON.stringify(screening.results.map(screenedRowJson), null, 2)}\n` : resultCsv(screening.results, { bom: out !== null });
  if (out) await writeFile(out, result, { flag: force ? 'w' : 'wx' }).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'EEXIST' ? new Error(refusal(out)) : err;
  });
  else io.stdout.write(result);
  io.stderr.write(`${summaryLine(basename(file), screening)}${out ? ` Result: ${out}` : ''}\n`);
}
