// The one contract every chat platform's adapter keeps: its own settings, its limits and message budget, start and send.
import type { Transport } from './alerts/delivery.ts';
import type { MessageFits } from './alerts/digest.ts';
import type { PlatformLimits } from './alerts/sender.ts';

export interface RunningAdapter {
  stop(): Promise<void>;
}

/** A platform's adapter, configured from its settings: what the composition root starts and the sender posts through. */
export interface ChatAdapter<Deps> {
  /** As subscriptions and alerts name it: `slack`, `discord`. */
  readonly platform: string;
  /** Posts alerts; absent when its settings give no way to post (Discord without a bot token). */
  readonly send?: Transport;
  /** Starts answering the platform's commands and events. */
  start(deps: Deps): Promise<RunningAdapter>;
}

/** A platform's adapter module: what the platform allows, and its own settings (validated, every bad one named). */
export interface AdapterFactory<Deps> {
  readonly platform: string;
  /** How fast it takes messages, per channel and per bot: the sender keeps to it. */
  readonly limits: PlatformLimits;
  /** Whether a message goes to the platform whole, nothing cut: the digests split by it. */
  readonly fits: MessageFits;
  /** The adapter as the environment configures it; null when none of its settings is set. Throws a ConfigError for bad ones. */
  configure(env: NodeJS.ProcessEnv): ChatAdapter<Deps> | null;
}
