import { createHash, timingSafeEqual } from 'node:crypto';
import { AESCipher } from '@larksuiteoapi/node-sdk';

/** What the signature headers of a push say about its bytes. */
export type SignatureCheck = 'valid' | 'invalid' | 'missing';

/** Equality of two secrets without leaking where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(x, y);
}

/**
 * Checks X-Lark-Signature = hex(sha256(timestamp + nonce + encryptKey + body)) over the exact
 * bytes received.
 *
 * Why our own check: the SDK hashes JSON.stringify(parsedBody), not the bytes, answers 204 (not
 * 401) to a bad signature and decrypts before checking, so a body encrypted with another key
 * makes it throw (docs/platforms/feishu.md §1.4 "SDK caveat", §6 pitfalls 3 and 18).
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case
 * 'missing' when none of the three headers came: Feishu's URL-verification challenge is sent
 * unsigned (node-sdk #67, docs/platforms/feishu.md §1.2); anything else with headers missing is refused.
 */
export function checkSignature(headers: Record<string, string | undefined>, body: Buffer, encryptKey: string): SignatureCheck {
  const timestamp = headers['x-lark-request-timestamp'];
  const nonce = headers['x-lark-request-nonce'];
  const signature = headers['x-lark-signature'];
  if (timestamp === undefined && nonce === undefined && signature === undefined) return 'missing';
  if (!timestamp || !nonce || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return 'invalid';
  const expected = createHash('sha256').update(timestamp, 'utf8').update(nonce, 'utf8').update(encryptKey, 'utf8').update(body).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'valid' : 'invalid';
}

/**
 * Decrypts an `encrypt` field: base64(iv ‖ AES-256-CBC(sha256(encryptKey), PKCS#7)) with the
 * SDK's own AESCipher (docs/platforms/feishu.md §1.3). Throws on anything that is not such a ciphertext.
 */
export class FeishuDecryptor {
  private readonly cipher: AESCipher;

  constructor(encryptKey: string) {
    this.cipher = new AESCipher(encryptKey);
  }

  /** The plaintext, or an Error saying why it could not be read. */
  decrypt(encrypted: string): string {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw new Error('encrypt is not base64');
    const length = Buffer.from(encrypted, 'base64').length;
    if (length < 32 || length % 16 !== 0) throw new Error('encrypt is not an AES-CBC ciphertext');
    try {
      return this.cipher.decrypt(encrypted);
    } catch {
      throw new Error('encrypt does not decrypt with the Encrypt Key');
    }
  }
}
