/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  /** The disposition's filename, decoded as UTF-8 (absent for a plain field). */
  filename?: string;
  /** Every parameter of the Content-Disposition (name, filename, filelength …). */
  params: Record<string, string>;
  contentType?: string;
  data: Buffer;
}

/**
 * Parses a multipart/form-data body (RFC 7578) as the fake platforms must, to check the fields
 * an upload carries; null when it is not multipart or has no boundary.
 */
export function parseMultipart(raw: Buffer, contentType: string | undefined): FormPart[] | null {
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: FormPart[] = [];
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    // A part: CRLF, headers, a blank line, the data, CRLF before the next delimiter.
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8').split('\r\n');
      const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
      const params: Record<string, string> = {};
      for (const m of disposition.matchAll(/;\s*([\w*]+)=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) params[m[1].toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1').trim();
      const type = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '');
      parts.push({ name: params.name ?? '', filename: params.filename, params, contentType: type, data: part.subarray(split + 4) });
    }
    at = next;
  }
  return parts;
}
