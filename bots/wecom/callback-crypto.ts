import { timingSafeEqual } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';

/** What the callback crypto needs: the app's callback Token, EncodingAESKey and the CorpID. */
export interface CallbackKeys {
  token: string;
  encodingAesKey: string;
  corpId: string;
}

/** The signed query of a callback (GET and POST). */
export interface SignedQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

/**
 * A callback refused before anything is stored: 401 for who sent it, 400 for what was sent,
 * 413 for a body larger than any WeCom envelope.
 */
export class CallbackRejected extends Error {
  constructor(
    readonly status: 400 | 401 | 413,
    reason: string,
  ) {
    super(reason);
    this.name = 'CallbackRejected';
  }
}

/** Compares two strings without leaking where they differ (length is not secret). */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when `signature` is sha1(sort([token, timestamp, nonce, encrypted])).
 * Why constant time: @wecom/crypto only computes the signature and leaves the comparison to us
 * (docs/platforms/wecom.md §0, §1.4).
 */
export function signatureMatches(keys: CallbackKeys, query: SignedQuery, encrypted: string): boolean {
  return constantTimeEqual(getSignature(keys.token, query.timestamp, query.nonce, encrypted), query.msg_signature);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decrypts a verified ciphertext and returns the plaintext message. Why the extra checks:
 * @wecom/crypto neither compares the receiveid with the CorpID (official -40005) nor rejects a
 * nonsensical block length; WeCom pads to 32-byte blocks (docs/platforms/wecom.md §1.5, §5).
 */
export function openCiphertext(keys: CallbackKeys, encrypted: string): string {
  if (!BASE64.test(encrypted)) throw new CallbackRejected(400, 'Encrypt is not base64');
  const bytes = Buffer.byteLength(encrypted, 'base64');
  if (bytes < 32 || bytes % 32 !== 0) throw new CallbackRejected(400, 'Encrypt is not whole 32-byte blocks');
  let opened: { message: string; id: string };
  try {
    opened = decrypt(keys.encodingAesKey, encrypted);
  } catch {
    throw new CallbackRejected(400, 'Encrypt cannot be decrypted');
  }
  if (!constantTimeEqual(opened.id, keys.corpId)) throw new CallbackRejected(401, 'receiveid is not our CorpID');
  return opened.message;
}

/** Verifies the signature, then decrypts: the order WeCom's own library uses (docs/platforms/wecom.md §1.8). */
export function verifyAndOpen(keys: CallbackKeys, query: SignedQuery, encrypted: string): string {
  if (!signatureMatches(keys, query, encrypted)) throw new CallbackRejected(401, 'msg_signature does not match');
  return openCiphertext(keys, encrypted);
}

/** msg_signature is lowercase hex sha1, 40 characters (docs/platforms/wecom.md §1.4); case is forgiven. */
const SIGNATURE = /^[0-9a-f]{40}$/i;
/** Unix seconds; nonces are digits in the samples and letters and digits in a real capture (docs/platforms/wecom.md §1.7). */
const TIMESTAMP = /^\d{1,20}$/;
const NONCE = /^[0-9A-Za-z]{1,64}$/;

/**
 * The signed query of a request, or a 401: without all three, each in its documented form,
 * nothing can be verified, so nothing else of the request is looked at.
 */
export function signedQuery(query: Record<string, string | undefined>): SignedQuery {
  const { msg_signature, timestamp, nonce } = query;
  if (!msg_signature || !timestamp || !nonce) throw new CallbackRejected(401, 'msg_signature, timestamp and nonce are required');
  if (!SIGNATURE.test(msg_signature) || !TIMESTAMP.test(timestamp) || !NONCE.test(nonce)) {
    throw new CallbackRejected(401, 'msg_signature, timestamp or nonce is malformed');
  }
  return { msg_signature: msg_signature.toLowerCase(), timestamp, nonce };
}

/**
 * Why a bound on echostr: it is the encrypted 'random(16) | len | msg | CorpID' of a short
 * plaintext (a number in every sample, docs/platforms/wecom.md §1.2, §1.7); 1 KB is ample.
 */
const MAX_ECHOSTR_CHARS = 1024;

/**
 * The echostr of a URL verification with spaces turned back into '+'. Why the repair: some
 * decoders turn the '+' of a base64 echostr into a space (docs/platforms/wecom.md §1.2).
 */
export function echostrOf(query: Record<string, string | undefined>): string {
  const echostr = query.echostr;
  if (!echostr) throw new CallbackRejected(400, 'echostr is required');
  if (echostr.length > MAX_ECHOSTR_CHARS) throw new CallbackRejected(400, `echostr is longer than ${MAX_ECHOSTR_CHARS} characters`);
  return echostr.replace(/ /g, '+');
}
