// Slash commands and events as Slack sends them: a form or JSON body, signed with the app's signing secret (v0 HMAC-SHA256 over timestamp and body).
import { createHmac } from 'node:crypto';

export interface SlashCommandFields {
  text: string;
  user_id: string;
  channel_id: string;
  response_url: string;
  /** The workspace asked from; default T0TEST. */
  team_id?: string;
  /** Enterprise Grid: the organisation. */
  enterprise_id?: string;
}

let triggerSequence = 0;
/** Slack gives each command and click its own trigger_id. */
const nextTriggerId = () => `13345224609.738474920.${(++triggerSequence).toString(16).padStart(31, '0')}`;

/** The form body Slack posts for `/sanctions <text>`, with every field Slack sends. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: fields.team_id ?? 'T0TEST',
    ...(fields.enterprise_id ? { enterprise_id: fields.enterprise_id } : {}),
    team_domain: 'example',
    channel_id: fields.channel_id,
    channel_name: 'sanctions-watch',
    user_id: fields.user_id,
    user_name: 'analyst',
    command: '/sanctions',
    text: fields.text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: nextTriggerId(),
  }).toString();
}

export interface ButtonClick {
  user_id: string;
  channel_id: string;
  response_url: string;
  /** The message the button is in, as the bot posted it. */
  message: { text: string; blocks: unknown[] };
  action_id: string;
  value: string;
  /** The workspace clicked from; default T0TEST. */
  team_id?: string;
}

/** The form body Slack posts when a button in a message is clicked: `payload=` a block_actions JSON, with every field Slack sends. */
export function blockActionsBody(click: ButtonClick): string {
  const payload = {
    type: 'block_actions',
    user: { id: click.user_id, username: 'analyst', name: 'analyst', team_id: click.team_id ?? 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    container: { type: 'message', message_ts: '1639158600.000100', channel_id: click.channel_id, is_ephemeral: false },
    trigger_id: nextTriggerId(),
    team: { id: click.team_id ?? 'T0TEST', domain: 'example' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: click.channel_id, name: 'sanctions-watch' },
    message: { type: 'message', subtype: 'bot_message', user: 'U0BOT', bot_id: 'B0BOT', ts: '1639158600.000100', ...click.message },
    state: { values: {} },
    response_url: click.response_url,
    actions: [
      { type: 'button', action_id: click.action_id, block_id: 'Wq1Nf', text: { type: 'plain_text', text: 'Not this entity', emoji: true }, value: click.value, action_ts: '1639158700.123456' },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

let eventSequence = 0;

/** An Events API request body (JSON) as Slack posts it, wrapping `event`. */
export function eventCallbackBody(event: Record<string, unknown>): string {
  eventSequence += 1;
  return JSON.stringify({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: 'T0TEST',
    context_team_id: 'T0TEST',
    api_app_id: 'A0TEST',
    event,
    type: 'event_callback',
    event_id: `Ev0TEST${String(eventSequence).padStart(6, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0TEST', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMFRFU1QifQ-${eventSequence}`,
  });
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  /** Signs with this secret; none sends the request unsigned. */
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sends this body instead of the signed one (a tampered request). */
  sendBody?: string;
  /** Default: a form, as slash commands come; Events API requests are JSON. */
  contentType?: string;
}

export interface PostResult {
  status: number;
  body: string;
  /** Milliseconds until the whole response had arrived. */
  ms: number;
}

export async function postToSlackApp(url: string, body: string, options: PostOptions = {}): Promise<PostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' };
  if (options.secret) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = slackSignature(options.secret, timestamp, body);
  }
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body: options.sendBody ?? body });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}
