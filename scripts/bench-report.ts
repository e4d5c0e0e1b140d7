// What every section of BENCHMARKS.md says about where and when it was measured, and the sections one script writes into the file by itself.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export const BENCHMARKS_FILE = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));

/** `Measured by <how> on <date>: <CPU>, <cores>, <memory>, Node <version>.` */
export function measuredBy(how: string): string {
  const cpus = os.cpus();
  const date = new Date().toISOString().slice(0, 10);
  return `Measured by ${how} on ${date}: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`;
}

const start = (name: string) => `<!-- ${name}: written by its own script, kept by npm run bench -->`;
const end = (name: string) => `<!-- /${name} -->`;

/** The section `name` as BENCHMARKS.md holds it now, markers included; empty when it has none. */
export function keptSection(name: string): string[] {
  if (!existsSync(BENCHMARKS_FILE)) return [];
  const lines = readFileSync(BENCHMARKS_FILE, 'utf8').split('\n');
  const from = lines.indexOf(start(name));
  const to = lines.indexOf(end(name), from);
  return from < 0 || to < 0 ? [] : lines.slice(from, to + 1);
}

/** Puts `body` in BENCHMARKS.md as the section `name`, in place of the one there, or at the end. */
export function writeSection(name: string, body: string[]): void {
  const section = [start(name), ...body, end(name)];
  const text = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8').replace(/\n+$/, '') : '# Benchmarks';
  const lines = text.split('\n');
  const from = lines.indexOf(start(name));
  const to = lines.indexOf(end(name), from);
  if (from >= 0 && to >= 0) lines.splice(from, to - from + 1, ...section);
  else lines.push('', ...section);
  writeFileSync(BENCHMARKS_FILE, `${lines.join('\n')}\n`);
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Seconds of this process's CPU time since the call; call the result to read it. */
export function cpuClock(): () => number {
  const before = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1e6;
  };
}

/** JavaScript heap plus typed arrays, after a full collection (the benches run with --expose-gc), in MB. */
export function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
}
