/**
 * What a file is, read from its first bytes (its "magic number"), never from its name or the
 * type a browser claims: a sick note (H-14) must be a photo or a PDF, and a renamed program or
 * document is not one.
 */

/** A file type a sick note may have. */
export interface SniffedType {
  kind: 'image' | 'file';
  mimeType: string;
  /** How people call it, e.g. 'JPG 图片'. */
  label: string;
}

interface Signature extends SniffedType {
  matches(b: Uint8Array): boolean;
}

const ascii = (b: Uint8Array, at: number, text: string): boolean => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));
const bytes = (b: Uint8Array, at: number, list: number[]): boolean => list.every((v, i) => b[at + i] === v);

/** HEIF brands (ISO/IEC 23008-12) that phones write for photos. */
const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'];

const SIGNATURES: readonly Signature[] = [
  { kind: 'image', mimeType: 'image/jpeg', label: 'JPG 图片', matches: (b) => bytes(b, 0, [0xff, 0xd8, 0xff]) },
  { kind: 'image', mimeType: 'image/png', label: 'PNG 图片', matches: (b) => bytes(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { kind: 'image', mimeType: 'image/gif', label: 'GIF 图片', matches: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { kind: 'image', mimeType: 'image/webp', label: 'WebP 图片', matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { kind: 'image', mimeType: 'image/heic', label: 'HEIC 图片', matches: (b) => ascii(b, 4, 'ftyp') && HEIF_BRANDS.some((brand) => ascii(b, 8, brand)) },
  // A PDF may have up to 1024 bytes of junk before its header (ISO 32000-1, 7.5.2); writers
  // put it first, and anything else is refused rather than guessed at.
  { kind: 'file', mimeType: 'application/pdf', label: 'PDF 文件', matches: (b) => ascii(b, 0, '%PDF-') },
];

/** The types a sick note may have, for the refusal: 'JPG、PNG、GIF、WebP、HEIC 图片或 PDF 文件'. */
export const ACCEPTED_FILE_TYPES = 'JPG、PNG、GIF、WebP、HEIC 图片或 PDF 文件';

/** The type of a file by its content; null when it is none of the accepted ones. */
export function sniffFileType(content: Uint8Array): SniffedType | null {
  const found = SIGNATURES.find((s) => s.matches(content));
  return found ? { kind: found.kind, mimeType: found.mimeType, label: found.label } : null;
}

/**
 * A size for people: '850 字节', '12 KB', '4.8 MB' (1 KB = 1024 bytes), rounded up, so a file a
 * byte over a 5 MB limit shows as 5.1 MB, not as 5 MB.
 */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} 字节`;
  if (size < 1024 * 1024) return `${Math.ceil(size / 1024)} KB`;
  return `${Math.ceil((size / (1024 * 1024)) * 10) / 10} MB`;
}
