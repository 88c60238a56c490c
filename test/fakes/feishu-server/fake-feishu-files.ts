/**
 * The fake's file upload, POST /open-apis/im/v1/files, checked as the real one documents it
 * (https://open.feishu.cn/document/server-docs/im-v1/file/create): multipart/form-data with
 * `file_type` (opus, mp4, pdf, doc, xls, ppt or stream), `file_name` and `file`; not empty and
 * at most 30 MB. A missing or wrong field answers 234001 (Invalid request param.), an empty
 * file 234010, a file over 30 MB 234006, all HTTP 400 like the API's other refusals.
 */
import { parseMultipart } from '../multipart';
import type { FakeFeishuState } from './fake-feishu-state';

/** What a route answers (as fake-feishu-routes' RouteAnswer). */
interface Answer {
  status: number;
  body: unknown;
}

const FILE_TYPES = ['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'];
const MAX_BYTES = 30 * 1024 * 1024;
const bad = (code: number, msg: string): Answer => ({ status: 400, body: { code, msg } });

/** A file the fake accepted, under its file_key. */
export interface FakeUpload {
  fileKey: string;
  fileType: string;
  fileName: string;
  /** The part's own filename and content type, as the client sent them. */
  partFilename?: string;
  data: Buffer;
}

/** Handles an upload; the accepted file is kept in `uploads` for file messages and tests. */
export function uploadFile(state: FakeFeishuState, uploads: Map<string, FakeUpload>, raw: Buffer, contentType: string | undefined): Answer {
  const parts = parseMultipart(raw, contentType);
  if (!parts) return bad(234001, 'Invalid request param: the body must be multipart/form-data.');
  const field = (name: string) => parts.find((p) => p.name === name);
  const fileType = field('file_type')?.data.toString('utf8');
  const fileName = field('file_name')?.data.toString('utf8');
  const file = field('file');
  if (!fileType || !FILE_TYPES.includes(fileType)) return bad(234001, 'Invalid request param: file_type.');
  if (!fileName) return bad(234001, 'Invalid request param: file_name.');
  if (!file || file.filename === undefined) return bad(234001, 'Invalid request param: file.');
  if (!file.data.length) return bad(234010, "File's size can't be 0.");
  if (file.data.length > MAX_BYTES) return bad(234006, 'The file size exceed the max value.');
  const fileKey = `file_v3_fake_${++state.seq}`;
  uploads.set(fileKey, { fileKey, fileType, fileName, partFilename: file.filename, data: Buffer.from(file.data) });
  return { status: 200, body: { code: 0, msg: 'success', data: { file_key: fileKey } } };
}
