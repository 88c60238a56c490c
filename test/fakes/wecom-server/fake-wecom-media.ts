/**
 * The fake's media upload, POST /cgi-bin/media/upload?access_token=&type=file (and the group
 * robot's webhook/upload_media?key=&type=file), checked as the API documents it
 * (https://developer.work.weixin.qq.com/document/path/90253): multipart/form-data whose file
 * part is named `media` and carries filename, filelength and a content-type; type one of
 * image, voice, video, file; a file of more than 5 bytes, at most 20 MB. Refusals use WeCom's
 * global codes (https://developer.work.weixin.qq.com/document/path/90313): 40004 invalid
 * media type, 44001 empty media data (no `media` part), 40005 invalid file type (no filename or
 * content-type), 40006 invalid file size (filelength missing, wrong, or out of bounds).
 */
import { parseMultipart } from '../multipart';
import type { ApiRecord, FakeWecomState } from './fake-wecom-state';

const TYPES = ['image', 'voice', 'video', 'file'];
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A file the fake accepted, by media_id. */
export interface FakeUploadedMedia {
  mediaId: string;
  type: string;
  fileName: string;
  mimeType: string;
  content: Buffer;
}

type Answer = { json: Record<string, unknown> };
const err = (errcode: number, errmsg: string): Answer => ({ json: { errcode, errmsg } });

/** Handles an upload: the file is kept in `state.uploads` (and served by media/get). */
export function uploadMedia(s: FakeWecomState, r: ApiRecord): Answer {
  const type = r.query.type ?? '';
  if (!TYPES.includes(type)) return err(40004, 'invalid media type');
  const media = parseMultipart(r.raw ?? Buffer.alloc(0), r.contentType)?.find((p) => p.name === 'media');
  if (!media || !media.data.length) return err(44001, 'empty media data');
  if (!media.filename || !media.contentType) return err(40005, 'invalid file type');
  if (media.params.filelength !== String(media.data.length)) return err(40006, 'invalid file size');
  if (media.data.length <= 5 || (type === 'file' && media.data.length > MAX_FILE_BYTES)) return err(40006, 'invalid file size');
  const mediaId = `media-${s.next()}`;
  const file = { mediaId, type, fileName: media.filename, mimeType: media.contentType, content: Buffer.from(media.data) };
  s.uploads.set(mediaId, file);
  s.media.set(mediaId, { content: file.content, fileName: file.fileName, mimeType: file.mimeType });
  return { json: { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: String(Math.floor(Date.now() / 1000)) } };
}

/** A file message (msgtype file) must name a media_id this fake issued: 40007 invalid media_id otherwise. */
export function fileMessageRefusal(s: FakeWecomState, body: any): Answer | undefined {
  return s.uploads.has(String(body?.file?.media_id ?? '')) ? undefined : err(40007, 'invalid media_id');
}
