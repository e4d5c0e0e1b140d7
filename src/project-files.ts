// Where the project's own files are (data/, migrations/, package.json), whether the code runs from its sources or compiled in dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file is <root>/src/project-files.ts, or <root>/dist/src/project-files.js once compiled.
const above = dirname(dirname(fileURLToPath(import.meta.url)));

export const PROJECT_ROOT = existsSync(join(above, 'package.json')) ? above : dirname(above);

/** The absolute path of a file of the project, given from its root: `projectFile('data', 'feeds')`. */
export const projectFile = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
