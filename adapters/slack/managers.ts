// Who may change what a Slack channel follows: the configured manager ids, and admins and owners of the workspace asked from.
import type { webApi } from '@slack/bolt';
import { slackLog } from './log.ts';

/** Long enough to spare users.info on every command, short enough that a demoted admin loses the right soon. */
const CACHE_MS = 5 * 60_000;

/** The workspace a request came from: its team, and its Enterprise Grid organisation when it has one. */
export interface SlackTeam {
  teamId: string;
  enterpriseId?: string;
}

export type ManagerCheck = (userId: string, team: SlackTeam) => Promise<boolean>;

export function managerCheck(managerIds: readonly string[], client: webApi.WebClient, now: () => number = Date.now): ManagerCheck {
  const cache = new Map<string, { allowed: boolean; until: number }>();
  return async (userId, team) => {
    if (managerIds.includes(userId)) return true;
    const key = `${team.enterpriseId ?? ''}:${team.teamId}:${userId}`;
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.allowed;
    try {
      const { user } = await client.users.info({ user: userId });
      // An admin of another workspace reaching a shared channel (Slack Connect) administers that workspace, not this one.
      const ofThisTeam = user?.team_id === team.teamId || (team.enterpriseId !== undefined && user?.enterprise_user?.enterprise_id === team.enterpriseId);
      const allowed = ofThisTeam && Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      cache.set(key, { allowed, until: now() + CACHE_MS });
      return allowed;
    } catch (err) {
      // Not cached: a passing outage should not lock an admin out for minutes.
      slackLog.warn({ err, userId }, 'users.info failed, so this user is treated as not allowed to manage the channel');
      return false;
    }
  };
}

/** The tenant (src/tenant.ts) of a Slack workspace: its team, within its organisation on Enterprise Grid. */
export function slackTenant({ teamId, enterpriseId }: SlackTeam): string {
  return enterpriseId ? `slack:${enterpriseId}:${teamId}` : `slack:${teamId}`;
}
