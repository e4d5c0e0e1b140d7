// `npm run bench`: start-up CPU, name search against the libraries users would otherwise reach for, batch screening, mention scanning, article page extraction, delivery and feed polling, written to BENCHMARKS.md with the machine and date.
//
// BENCH_SIZES (default 100000,1000000) sets the entity counts search grows to; BENCH_SOAK_SECONDS (default 30) the
// short soak. The ten-minute soak is `npm run soak`: its section of BENCHMARKS.md is kept as it is.
import { writeFileSync } from 'node:fs';
import { benchDelivery } from './bench-delivery.ts';
import { benchExtraction } from './bench-extraction.ts';
import { benchMentions } from './bench-mentions.ts';
import { benchPoller } from './bench-poller.ts';
import { benchScale } from './bench-scale.ts';
import { benchScreen } from './bench-screen.ts';
import { benchStartup } from './bench-startup.ts';
import { BENCHMARKS_FILE, keptSection, measuredBy } from './bench-report.ts';
import { benchNameSearch } from './bench-search.ts';
import { soakPoller } from './soak-poller.ts';

const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').filter(Boolean).map(Number);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 30);
const log = (line: string) => console.error(line);

async function main() {
  const started = performance.now();
  const soak = keptSection('soak');
  // First, while nothing has run: its first file meets a process as cold as a fresh start.
  const screening = await benchScreen({ log });
  const sections = [
    await benchStartup({ log }),
    await benchNameSearch({ sizes, log }),
    screening,
    await benchMentions({ generated: sizes.slice(-1), log }),
    await benchExtraction({ log }),
    await benchDelivery({ log }),
    [...(await benchPoller({ log })), '', ...(await soakPoller({ seconds: soakSeconds, how: '`npm run bench`', log }))],
  ];
  if (soak.length) sections[sections.length - 1]!.push('', ...soak);

  // Several bot processes on PostgreSQL (skipped without TEST_DATABASE_URL); its numbers are also in docs/scaling.md.
  sections.push(await benchScale({ log }));

  const minutes = (performance.now() - started) / 60_000;
  const lines = [
    '# Benchmarks',
    '',
    measuredBy('`npm run bench`'),
    `The whole run took ${minutes.toFixed(1)} minutes. Where a table says CPU time, it is this process's CPU time, which`,
    'other work on a shared machine disturbs less than wall time; each section says which it measures.',
    ...sections.flatMap((section) => ['', ...section]),
  ];
  writeFileSync(BENCHMARKS_FILE, `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

await main();
