// Who may change what a Slack channel follows: the configured manager ids, and workspace admins and owners.
import type { webApi } from '@slack/bolt';
import { slackLog } from './log.ts';

/** Long enough to spare users.info on every command, short enough that a demoted admin loses the right soon. */
const CACHE_MS = 5 * 60_000;

export type ManagerCheck = (userId: string) => Promise<boolean>;

export function managerCheck(managerIds: readonly string[], client: webApi.WebClient, now: () => number = Date.now): ManagerCheck {
  const cache = new Map<string, { allowed: boolean; until: number }>();
  return async (userId) => {
    if (managerIds.includes(userId)) return true;
    const cached = cache.get(userId);
    if (cached && cached.until > now()) return cached.allowed;
    try {
      const { user } = await client.users.info({ user: userId });
      const allowed = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      cache.set(userId, { allowed, until: now() + CACHE_MS });
      return allowed;
    } catch (err) {
      // Not cached: a passing outage should not lock an admin out for minutes.
      slackLog.warn({ err, userId }, 'users.info failed, so this user is treated as not allowed to manage the channel');
      return false;
    }
  };
}
