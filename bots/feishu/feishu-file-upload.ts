import { Readable } from 'node:stream';
import { DeliveryError } from '../../src/core/messenger';
import type { FileRef } from '../../src/core/reply-intent';
import type { FeishuApiClient } from './feishu-api-client';
import { deliveryError } from './feishu-delivery-errors';

/**
 * Why 30 MB: im/v1/files takes no file over 30 MB and no empty file
 * (https://open.feishu.cn/document/server-docs/im-v1/file/create).
 */
export const FEISHU_FILE_MAX_BYTES = 30 * 1024 * 1024;

/**
 * The upload's `file_type` from the file's extension: opus, mp4, pdf, doc, xls, ppt, or
 * `stream` for anything else (a CSV), the values the upload documents (same page).
 */
export function feishuFileType(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const types: Record<string, string> = { opus: 'opus', mp4: 'mp4', pdf: 'pdf', doc: 'doc', docx: 'doc', xls: 'xls', xlsx: 'xls', ppt: 'ppt', pptx: 'ppt' };
  return types[ext] ?? 'stream';
}

interface UploadAnswer {
  data?: { file_key?: string };
}

/**
 * Uploads a file with POST im/v1/files (multipart: file_type, file_name, file) and returns its
 * `file_key`, which a message of msg_type `file` sends (content `{"file_key": …}`).
 */
export async function uploadFeishuFile(api: FeishuApiClient, file: FileRef, content: Buffer, timeoutMs: number): Promise<string> {
  if (!content.length || content.length > FEISHU_FILE_MAX_BYTES) {
    throw new DeliveryError(`feishu upload refused: ${file.name} is ${content.length} bytes (1 byte to 30 MB)`, false);
  }
  // Why a stream with a `path`: the SDK copies `data` into a plain object (a FormData would lose
  // its fields) and axios turns that object into multipart/form-data under this Content-Type,
  // with the form-data package, which names a stream's part after its `path` — the way the
  // SDK's own im.file.create is used with fs.createReadStream. A Buffer part would have no filename.
  const stream = Object.assign(Readable.from([content]), { path: file.name });
  const data = { file_type: feishuFileType(file.name), file_name: file.name, file: stream };
  try {
    const answer = await api.call<UploadAnswer>({ method: 'POST', url: '/open-apis/im/v1/files', data, headers: { 'Content-Type': 'multipart/form-data' } }, timeoutMs);
    const key = answer.data?.file_key;
    if (!key) throw new DeliveryError('feishu upload answered without a file_key', true);
    return key;
  } catch (e) {
    if (e instanceof DeliveryError) throw e;
    throw deliveryError(e, 'file upload');
  }
}
