import { formatBytes, sniffFileType } from '../../../src/domain/file-type';

const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');

/** Issue 17: a sick note (H-14) sent through the web chat is checked by its bytes, not its name. */
describe('sniffFileType', () => {
  test.each([
    ['JPEG', hex('ffd8ffe000104a464946'), 'image', 'image/jpeg'],
    ['PNG', hex('89504e470d0a1a0a0000000d49484452'), 'image', 'image/png'],
    ['GIF', Buffer.from('GIF89a\x01\x00'), 'image', 'image/gif'],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), hex('24000000'), Buffer.from('WEBPVP8 ')]), 'image', 'image/webp'],
    ['HEIC (iPhone photo)', Buffer.concat([hex('00000018'), Buffer.from('ftypheic'), hex('00000000')]), 'image', 'image/heic'],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ'), 'file', 'application/pdf'],
  ])('%s is recognised', (_name, bytes, kind, mimeType) => {
    expect(sniffFileType(bytes)).toMatchObject({ kind, mimeType });
  });

  test.each([
    ['a Windows program', Buffer.from('MZ\x90\x00\x03\x00')],
    ['a Word document (zip)', hex('504b030414000600')],
    ['plain text', Buffer.from('病假条：发烧 38.5 度')],
    ['HTML', Buffer.from('<!doctype html><script>')],
    ['an MP4 video (ftyp, not a HEIF brand)', Buffer.concat([hex('00000018'), Buffer.from('ftypisom')])],
    ['a truncated JPEG header', hex('ffd8')],
    ['nothing', Buffer.alloc(0)],
  ])('%s is not an image or PDF', (_name, bytes) => {
    expect(sniffFileType(bytes)).toBeNull();
  });
});

describe('formatBytes', () => {
  test.each([
    [850, '850 字节'],
    [12 * 1024, '12 KB'],
    [12 * 1024 + 1, '13 KB'],
    [5 * 1024 * 1024, '5 MB'],
    [5 * 1024 * 1024 + 1, '5.1 MB'],
    [12.34 * 1024 * 1024, '12.4 MB'],
  ])('%d bytes is %s (rounded up, so a file over a limit never shows as the limit)', (size, text) => {
    expect(formatBytes(size)).toBe(text);
  });
});
