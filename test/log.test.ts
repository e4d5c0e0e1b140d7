// Log lines in the local console: short human lines, never JSON, never a terminal control sequence from a feed or a list.
import { describe, expect, it } from 'vitest';
import { humanLogLine } from '../src/log.ts';

const line = (fields: Record<string, unknown>) => `${JSON.stringify({ level: 40, time: 1, pid: 2, hostname: 'h', ...fields })}\n`;

describe('humanLogLine', () => {
  it('says the level in words and the fields after the message, without time, pid or host', () => {
    expect(humanLogLine(line({ msg: 'feed poll failed', feed: 'https://x.example/rss', failures: 2 }))).toBe('warning: feed poll failed (feed: https://x.example/rss, failures: 2)\n');
    expect(humanLogLine(line({ level: 50, msg: 'send failed', err: { type: 'Error', message: 'socket hang up', stack: 'Error: socket hang up\n    at x' } }))).toBe(
      'error: send failed (error: socket hang up)\n',
    );
  });

  it('keeps to one short line, and strips what could move the cursor or reorder the text', () => {
    const shown = humanLogLine(line({ msg: 'feed poll failed', title: 'a\u001b[2J\u202eb\nc', body: 'x'.repeat(1000) }));
    expect(shown).toMatch(/^warning: feed poll failed \(title: a\[2Jb c, body: x+…\n$/);
    expect(shown.length).toBeLessThanOrEqual(241);
  });
});
