// Batch screening in the local console: `/sanctions screen path/to/names.csv`, a progress bar on the terminal, the result CSV written to disk.
import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { screenFetched } from '../../commands/screen.ts';
import type { Catalog } from '../../src/designations/catalog.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { terminalProgress } from '../../src/progress.ts';
import { readLocalFile } from '../../src/screening/screen-command.ts';

/** Screens the file at `path` (relative to the working directory; quotes around it allowed). */
export async function screenPath(path: string, catalog: Pick<Catalog, 'search'>): Promise<Reply> {
  const file = path.trim().replace(/^(["'])(.*)\1$/, '$2');
  return screenFetched(basename(file), () => readLocalFile(file), catalog, terminalProgress);
}

/** Writes a reply's files into `dir`, never over an existing file (`names-screened-2.csv`); their paths. */
export async function writeReplyFiles(reply: Reply, dir = process.cwd()): Promise<string[]> {
  const written: string[] = [];
  for (const file of reply.files ?? []) {
    const [stem, ext] = /^(.*?)(\.[^.]*)?$/.exec(basename(file.name))!.slice(1);
    for (let n = 1; ; n++) {
      const path = resolve(dir, `${stem}${n > 1 ? `-${n}` : ''}${ext ?? ''}`);
      let handle;
      try {
        handle = await open(path, 'wx');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw err;
      }
      try {
        await handle.writeFile(file.content);
      } finally {
        await handle.close();
      }
      written.push(path);
      break;
    }
  }
  return written;
}
