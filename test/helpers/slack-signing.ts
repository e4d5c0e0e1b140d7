// Slash commands as Slack sends them: a form body, signed with the app's signing secret (v0 HMAC-SHA256 over timestamp and body).
import { createHmac } from 'node:crypto';

export interface SlashCommandFields {
  text: string;
  user_id: string;
  channel_id: string;
  response_url: string;
}

/** The form body Slack posts for `/sanctions <text>`, with every field Slack sends. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: 'T0TEST',
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
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
  }).toString();
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
}

export interface PostResult {
  status: number;
  body: string;
  /** Milliseconds until the whole response had arrived. */
  ms: number;
}

export async function postToSlackApp(url: string, body: string, options: PostOptions = {}): Promise<PostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.secret) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = slackSignature(options.secret, timestamp, body);
  }
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body: options.sendBody ?? body });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}
