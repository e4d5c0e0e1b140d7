// Prints alerts in the local console: in the demo, the terminal is the one channel.
import type { Transport } from '../../src/alerts/delivery.ts';
import { renderForConsole } from './console.ts';

export function consoleTransport(output: NodeJS.WritableStream = process.stdout): Transport {
  return async (_channelId, reply) => {
    output.write(`\n🔔 ${renderForConsole(reply)}\n`);
    return { ok: true };
  };
}
