// `npm run register-commands`: registers the Discord slash commands (to DISCORD_GUILD_ID when set, else globally).
import { registerCommands } from '../adapters/discord/register.ts';
import { discordSettings } from '../adapters/discord/settings.ts';
import { loadDotEnv } from '../src/config.ts';

try {
  loadDotEnv('.env');
  const { route, names } = await registerCommands(discordSettings());
  process.stdout.write(`Registered /${names.join(' and /')} at ${route}\n`);
} catch (err) {
  process.stderr.write(`register-commands: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
