// Downloads a file a user uploaded to a chat platform: from the platform's own hosts only, within the size limit, in bounded time.
import { ScreeningInputError, checkFileSize } from './input.ts';

export interface DownloadOptions {
  /** Origins (`https://files.slack.com`) the file may come from: a bot token must never go anywhere else. */
  allowedOrigins: string[];
  headers?: Record<string, string>;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The file's bytes; a ScreeningInputError saying why it could not be had. */
export async function downloadUpload(url: string, options: DownloadOptions): Promise<Uint8Array> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ScreeningInputError('the file has no address to download it from.');
  }
  if (!options.allowedOrigins.includes(parsed.origin)) throw new ScreeningInputError(`the file is not on the platform's own servers (${parsed.host}).`);
  let res: Response;
  try {
    // A redirect is a sign-in page or a moved file, never the file: not followed, so that no header goes elsewhere.
    res = await fetch(parsed, { headers: options.headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  } catch (err) {
    throw new ScreeningInputError(`the file could not be downloaded (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new ScreeningInputError(`the file could not be downloaded (HTTP ${res.status}${res.status >= 300 && res.status < 400 ? ', a redirect' : ''}).`);
  }
  const declared = Number(res.headers.get('content-length'));
  try {
    if (declared) checkFileSize(declared);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      checkFileSize(size, true);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (err) {
    await res.body?.cancel().catch(() => undefined);
    if (err instanceof ScreeningInputError) throw err;
    throw new ScreeningInputError(`the download broke off (${err instanceof Error ? err.message : String(err)}).`);
  }
}
