// Whether the bot can post alerts in a Slack channel, asked at subscribe (conversations.info) so a channel is never stored unreachable.
import type { webApi } from '@slack/bolt';
import { slackLog } from './log.ts';

const INVITE = 'Invite the bot first (/invite @sanctions-bot), then subscribe again.';

/**
 * What stands in the way of posting in `channel`, or null. The bot posts where it is a member, and in a public channel
 * it is not in with chat:write.public; a private channel it is not in is `channel_not_found` to it. When Slack cannot
 * say (the app lacks channels:read or groups:read, an outage), null: the first alert will tell.
 */
export async function slackCanPost(client: webApi.WebClient, channel: string): Promise<string | null> {
  try {
    const info = await client.conversations.info({ channel });
    const c = info.channel;
    if (!c) return null;
    if (c.is_archived) return 'This channel is archived: nothing can be posted in it.';
    if (c.is_member) return null;
    if (c.is_private || c.is_im || c.is_mpim) return `The bot is not in this channel, so it could not post alerts here. ${INVITE}`;
    // Slack lists the token's scopes with every answer.
    const scopes = info.response_metadata?.scopes;
    if (scopes && !scopes.includes('chat:write.public')) return `The bot is not in this channel and the app may not post in channels it was not invited to. ${INVITE}`;
    return null;
  } catch (err) {
    const error = (err as { data?: { error?: string } }).data?.error;
    if (error === 'channel_not_found') return `The bot cannot see this channel (a private channel it is not in), so it could not post alerts here. ${INVITE}`;
    slackLog.warn({ err, channel }, 'conversations.info failed: subscribing without knowing whether the bot can post there');
    return null;
  }
}
