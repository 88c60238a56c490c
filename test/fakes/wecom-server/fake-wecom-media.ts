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
import { createHash } from 'node:crypto';
import { parseMultipart } from '../multipart';
import type { ApiRecord, FakeWecomState } from './fake-wecom-state';

const TYPES = ['image', 'voice', 'video', 'file'];
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/**
 * An image (type=image, JPG or PNG): the fake keeps to 2 MB, the smaller of the limits the
 * documents give (docs/platforms/wecom.md §3.7b), and checks the bytes are a JPG or PNG.
 */
export const FAKE_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** True for the bytes of a PNG or a JPG (their magic numbers). */
export function isPngOrJpeg(data: Buffer): boolean {
  return data.subarray(0, 8).equals(PNG_MAGIC) || (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff);
}

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
  if (type === 'image' && media.data.length > FAKE_IMAGE_MAX_BYTES) return err(40009, 'invalid image size');
  if (type === 'image' && (!isPngOrJpeg(Buffer.from(media.data)) || !/^image\/(png|jpeg)$/.test(media.contentType))) return err(40005, 'invalid file type');
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

/** An image message (msgtype image) must name a media_id this fake issued for type=image. */
export function imageMessageRefusal(s: FakeWecomState, body: any): Answer | undefined {
  const upload = s.uploads.get(String(body?.image?.media_id ?? ''));
  return upload?.type === 'image' ? undefined : err(40007, 'invalid media_id');
}

/**
 * A group robot's image message: image.base64 of a JPG or PNG of at most 2 MB and image.md5 its
 * MD5 (https://developer.work.weixin.qq.com/document/path/99110); 40009 / 40058 otherwise.
 */
export function robotImageRefusal(body: any): Answer | undefined {
  const b64 = body?.image?.base64;
  if (typeof b64 !== 'string' || typeof body?.image?.md5 !== 'string') return err(40058, 'image needs base64 and md5');
  const data = Buffer.from(b64, 'base64');
  if (!data.length || data.length > FAKE_IMAGE_MAX_BYTES) return err(40009, 'invalid image size');
  if (!isPngOrJpeg(data)) return err(40005, 'invalid file type');
  if (createHash('md5').update(data).digest('hex') !== body.image.md5) return err(40058, 'image md5 mismatch');
  return undefined;
}
