import { randomBytes } from 'node:crypto';
import type { ExchangeInit } from './http-exchange';

/** A file to upload as WeCom media. */
export interface MediaFile {
  name: string;
  mediaType: string;
  content: Buffer;
}

/** Quotes a filename for Content-Disposition: UTF-8 as is (WeCom shows it), quotes and line breaks escaped. */
const quoted = (name: string): string => name.replace(/[\r\n]/g, ' ').replace(/["\\]/g, (c) => `\\${c}`);

/**
 * The multipart/form-data body of media/upload and webhook/upload_media: one part named
 * `media` whose disposition carries filename and filelength and which has a content-type, as
 * the API documents it (https://developer.work.weixin.qq.com/document/path/90253; the robot's
 * upload_media, https://developer.work.weixin.qq.com/document/path/99110, takes the same form).
 */
export function mediaForm(file: MediaFile): ExchangeInit {
  const boundary = `----bot${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${quoted(file.name)}"; filelength=${file.content.length}\r\n` +
      `Content-Type: ${file.mediaType || 'application/octet-stream'}\r\n\r\n`,
    'utf8',
  );
  const body = Buffer.concat([head, file.content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) }, body };
}
