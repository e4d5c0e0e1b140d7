// Slack's message payload limits, checked as Slack checks them: what a message breaks, or nothing when Slack would take it.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Json = Record<string, unknown>;

function textObject(where: string, value: unknown, max: number, types: string[] = ['plain_text', 'mrkdwn']): string[] {
  const t = value as Json | undefined;
  if (!t || typeof t !== 'object') return [`${where}: missing text object`];
  const problems: string[] = [];
  if (!types.includes(t.type as string)) problems.push(`${where}: type must be ${types.join(' or ')}`);
  if (typeof t.text !== 'string' || t.text.length < 1) problems.push(`${where}: text must be at least 1 character`);
  else {
    if (t.text.length > max) problems.push(`${where}: text is ${t.text.length} characters, more than ${max}`);
    if (LONE_SURROGATE.test(t.text)) problems.push(`${where}: text has a lone surrogate`);
  }
  if ('emoji' in t && t.type !== 'plain_text') problems.push(`${where}: emoji is only for plain_text`);
  if ('verbatim' in t && t.type !== 'mrkdwn') problems.push(`${where}: verbatim is only for mrkdwn`);
  return problems;
}

/** A button: plain_text of at most 75 characters, an action_id of at most 255, a value of at most 2000. */
function buttonProblems(button: Json, at: string): string[] {
  if (button.type !== 'button') return [`${at}: only buttons are checked here, not ${String(button.type)}`];
  const problems = textObject(`${at}.text`, button.text, 75, ['plain_text']);
  if (typeof button.action_id !== 'string' || button.action_id.length < 1 || button.action_id.length > 255) problems.push(`${at}.action_id: 1 to 255 characters`);
  if (button.value !== undefined && (typeof button.value !== 'string' || button.value.length > 2000)) problems.push(`${at}.value: at most 2000 characters`);
  return problems;
}

function blockProblems(block: Json, i: number): string[] {
  const at = `blocks[${i}]`;
  switch (block.type) {
    case 'header':
      return textObject(`${at}.text`, block.text, 150, ['plain_text']);
    case 'section': {
      const fields = block.fields as unknown[] | undefined;
      if (block.text === undefined && fields === undefined) return [`${at}: a section needs text or fields`];
      return [
        ...(block.text === undefined ? [] : textObject(`${at}.text`, block.text, 3000)),
        ...(fields === undefined ? [] : fields.length > 10 ? [`${at}.fields: ${fields.length} fields, more than 10`] : []),
        ...(fields ?? []).flatMap((f, j) => textObject(`${at}.fields[${j}]`, f, 2000)),
      ];
    }
    case 'context': {
      const elements = (block.elements as unknown[] | undefined) ?? [];
      if (elements.length < 1 || elements.length > 10) return [`${at}.elements: ${elements.length} elements, expected 1 to 10`];
      return elements.flatMap((e, j) => textObject(`${at}.elements[${j}]`, e, 3000));
    }
    case 'divider':
      return [];
    case 'actions': {
      const elements = (block.elements as Json[] | undefined) ?? [];
      if (elements.length < 1 || elements.length > 25) return [`${at}.elements: ${elements.length} elements, expected 1 to 25`];
      return elements.flatMap((e, j) => buttonProblems(e, `${at}.elements[${j}]`));
    }
    default:
      return [`${at}: unknown block type ${String(block.type)}`];
  }
}

/** What Slack would reject in a message (chat.postMessage, a response_url post, a slash command's ack body). */
export function messageProblems(message: Json): string[] {
  const { text, blocks } = message;
  if (text === undefined && blocks === undefined) return ['no_text'];
  const problems: string[] = [];
  // Slack truncates text past 40,000 characters; the bot's own contract is 4,000, a readable notification.
  if (text !== undefined && (typeof text !== 'string' || text.length > 4000 || LONE_SURROGATE.test(text))) {
    problems.push('text: must be a well-formed string of at most 4000 characters');
  }
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) return [...problems, 'blocks: must be an array'];
    if (blocks.length > 50) problems.push(`blocks: ${blocks.length} blocks, more than 50`);
    problems.push(...blocks.flatMap((b, i) => blockProblems(b as Json, i)));
  }
  return problems;
}

/**
 * The text of every text object in the blocks together: chat.postMessage and chat.update refuse more than about
 * 12,000 (msg_blocks_too_long, measured by Slack's engineers: slackapi/bolt-js#2509), a response URL does not (#2867).
 */
export function blockTextTotal(blocks: unknown): number {
  if (Array.isArray(blocks)) return blocks.reduce((n: number, b) => n + blockTextTotal(b), 0);
  if (typeof blocks !== 'object' || blocks === null) return 0;
  return Object.entries(blocks).reduce((n, [key, v]) => n + (key === 'text' && typeof v === 'string' ? v.length : blockTextTotal(v)), 0);
}

export const MAX_BLOCK_TEXT = 12_000;
