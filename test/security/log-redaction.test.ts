// The logger's last line of defence: credentials cleaned from each line by their shape, wherever in the line they turn up; the rest left alone.
import { describe, expect, it } from 'vitest';
import { withoutCredentials } from '../../src/log.ts';

const DISCORD_TOKEN = 'MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.Q2hhbmdlTWVJbkFSZWFsQm90MTIzNDU2Nzg5';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpzZWNyZXQ';

describe('withoutCredentials', () => {
  it.each([
    ['a Discord webhook route', `{"url":"https://discord.com/api/v10/webhooks/1187465309123456789/${INTERACTION_TOKEN}/messages/%40original"}`, INTERACTION_TOKEN],
    ['a Discord callback route', `{"url":"https://discord.com/api/v10/interactions/1300000000000000001/${INTERACTION_TOKEN}/callback"}`, INTERACTION_TOKEN],
    ['a Slack response URL', '{"msg":"posting to https://hooks.slack.com/commands/T0TEST/1234567890123/4bQ9xYzSecretPart0001"}', '4bQ9xYzSecretPart0001'],
    ['an Authorization header', `{"headers":{"Authorization":"Bot ${DISCORD_TOKEN}"}}`, DISCORD_TOKEN],
    ['a Slack bot token in a message', '{"msg":"token xoxb-1111111111-2222222222-abcdefABCDEF123456 refused"}', 'abcdefABCDEF123456'],
    ['a Slack app token', '{"appToken":"xapp-1-A0TEST-1-0123456789abcdef"}', '0123456789abcdef'],
    ['a Discord token alone', `{"err":{"message":"token ${DISCORD_TOKEN} is invalid"}}`, 'Q2hhbmdlTWVJbkFSZWFsQm90MTIzNDU2Nzg5'],
    ['a password in DATABASE_URL', '{"msg":"cannot open postgres://bot:s3cr%40t-pw@db.internal:5432/sanctions"}', 's3cr%40t-pw'],
  ])('removes %s', (_, line, secret) => {
    const cleaned = withoutCredentials(line);
    expect(cleaned).not.toContain(secret);
    expect(cleaned).toContain('[redacted');
    expect(() => JSON.parse(cleaned)).not.toThrow();
  });

  it('leaves lines without credentials as they are', () => {
    const lines = [
      '{"level":30,"time":1795441382298,"pid":32089,"hostname":"vm","entities":9146,"msg":"designations loaded"}',
      '{"level":40,"feed":"https://www.theguardian.com/world/rss","error":"HTTP 503","msg":"feed poll failed"}',
      '{"level":50,"alert":7,"platform":"discord","channel":"1187465309400000001","error":"503 0: 503: Service Unavailable","msg":"alert not delivered, will retry"}',
      '{"database":"db.internal:5432/sanctions","error":"connection refused (is PostgreSQL running and listening there?)","msg":"PostgreSQL cannot be reached yet; trying again"}',
      '{"url":"http://127.0.0.1:35095/api/v10/channels/1187465309400000001/messages","stack":"at handleErrors (/work/main/node_modules/@discordjs/rest/src/lib/handlers/Shared.ts:136:9)"}',
      '{"nextAttemptAt":"2026-11-23T13:58:09.458Z","entity":"ofac-sdn-34022","lists":["ofac-sdn","ofac-cons"]}',
    ];
    for (const line of lines) expect(withoutCredentials(line)).toBe(line);
  });
});
