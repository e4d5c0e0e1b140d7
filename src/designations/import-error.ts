// The error every importer raises for a file it cannot import: names the file and the line.

/** A list file that cannot be imported: names the file and, where it applies, the 1-based line. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(line === null ? `${file}: ${detail}` : `${file} line ${line}: ${detail}`);
  }
}
