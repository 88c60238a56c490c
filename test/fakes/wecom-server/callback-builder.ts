import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/** The callback settings of the app (what the admin console shows). */
export interface CallbackSecrets {
  token: string;
  encodingAesKey: string;
  corpId: string;
}

const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** The common head of a decrypted payload (docs/platforms/wecom.md §2): CDATA strings, bare integers. */
function head(corpId: string, from: string, createTime: number, msgType: string): string {
  return `<ToUserName>${cdata(corpId)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>${cdata(msgType)}</MsgType>`;
}

/** Builders of decrypted payloads, as WeCom sends them. */
export const payloads = {
  /** A text message (§2.1). */
  text(corpId: string, o: { from: string; createTime: number; content: string; msgId: string; agentId?: number }): string {
    return `<xml>${head(corpId, o.from, o.createTime, 'text')}<Content>${cdata(o.content)}</Content><MsgId>${o.msgId}</MsgId><AgentID>${o.agentId ?? 1000002}</AgentID></xml>`;
  },
  /** An image message: PicUrl and MediaId (§2.1). */
  image(corpId: string, o: { from: string; createTime: number; mediaId: string; msgId: string }): string {
    return `<xml>${head(corpId, o.from, o.createTime, 'image')}<PicUrl>${cdata(`https://wework.qpic.cn/${o.mediaId}`)}</PicUrl><MediaId>${cdata(o.mediaId)}</MediaId><MsgId>${o.msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
  },
  /** A template_card_event click (§2.2), with selections under either spelling of the option-ids tag. */
  cardClick(corpId: string, o: { from: string; createTime: number; eventKey: string; taskId: string; responseCode: string; selected?: Array<{ questionKey: string; optionIds: string[] }>; spelling?: 'OpitonIds' | 'OptionIds' }): string {
    const tag = o.spelling ?? 'OpitonIds';
    const one = tag.slice(0, -1);
    const items = o.selected?.length
      ? `<SelectedItems>${o.selected.map((s) => `<SelectedItem><QuestionKey>${cdata(s.questionKey)}</QuestionKey><${tag}>${s.optionIds.map((id) => `<${one}>${cdata(id)}</${one}>`).join('')}</${tag}></SelectedItem>`).join('')}</SelectedItems>`
      : '';
    return `<xml>${head(corpId, o.from, o.createTime, 'event')}<Event>${cdata('template_card_event')}</Event><EventKey>${cdata(o.eventKey)}</EventKey><TaskId>${cdata(o.taskId)}</TaskId><CardType>${cdata('button_interaction')}</CardType><ResponseCode>${cdata(o.responseCode)}</ResponseCode><AgentID>1000002</AgentID>${items}</xml>`;
  },
  /** A member opened the app (§2.3). */
  enterAgent(corpId: string, o: { from: string; createTime: number }): string {
    return `<xml>${head(corpId, o.from, o.createTime, 'event')}<Event>${cdata('enter_agent')}</Event><EventKey>${cdata('')}</EventKey><AgentID>1000002</AgentID></xml>`;
  },
};

/** A signed, encrypted callback ready to POST. */
export interface SignedCallback {
  /** Path and query: /webhooks/wecom?msg_signature=…&timestamp=…&nonce=… */
  path: string;
  body: string;
  encrypt: string;
  signature: string;
}

/** Options that let a test forge what WeCom would never send. */
export interface EnvelopeOptions {
  timestamp?: number;
  nonce?: string;
  /** Fixed 16 random bytes: deterministic output (docs/platforms/wecom.md §1.7 C). */
  random?: Buffer;
  /** The receiveid inside the ciphertext; the CorpID by default. */
  receiveId?: string;
  /** A signature to send instead of the right one. */
  signature?: string;
  route?: string;
}

/** Encrypts and signs `payload` like WeCom (§1.3–§1.5): AES-256-CBC, sha1 over the sorted four. */
export function signedCallback(secrets: CallbackSecrets, payload: string, o: EnvelopeOptions = {}): SignedCallback {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? String(randomBytes(4).readUInt32BE(0));
  const enc = encrypt(secrets.encodingAesKey, payload, o.receiveId ?? secrets.corpId, o.random);
  const signature = o.signature ?? getSignature(secrets.token, timestamp, nonce, enc);
  const body = `<xml><ToUserName>${cdata(secrets.corpId)}</ToUserName><Encrypt>${cdata(enc)}</Encrypt><AgentID>${cdata('1000002')}</AgentID></xml>`;
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce });
  return { path: `${o.route ?? '/webhooks/wecom'}?${query}`, body, encrypt: enc, signature };
}

/** The URL verification GET of the admin console (§1.2): the echostr is encrypted and signed. */
export function verificationPath(secrets: CallbackSecrets, echo: string, o: EnvelopeOptions = {}): string {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? String(randomBytes(4).readUInt32BE(0));
  const echostr = encrypt(secrets.encodingAesKey, echo, o.receiveId ?? secrets.corpId, o.random);
  const signature = o.signature ?? getSignature(secrets.token, timestamp, nonce, echostr);
  return `${o.route ?? '/webhooks/wecom'}?${new URLSearchParams({ msg_signature: signature, timestamp, nonce, echostr })}`;
}

/**
 * Runs the console's URL verification against the bot (§1.2): the answer must be 200 and the
 * echostr plaintext byte for byte (no quotes, BOM or newline) for WeCom to accept the URL.
 */
export async function verifyCallbackUrl(baseUrl: string, secrets: CallbackSecrets, echo: string, o: EnvelopeOptions = {}): Promise<{ status: number; body: Buffer; contentType: string | null; accepted: boolean }> {
  const res = await fetch(`${baseUrl}${verificationPath(secrets, echo, o)}`, { signal: AbortSignal.timeout(1000) });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, body, contentType: res.headers.get('content-type'), accepted: res.status === 200 && body.equals(Buffer.from(echo, 'utf8')) };
}

/** What a delivery came to. */
export interface Delivery {
  status: number;
  body: string;
  attempts: number;
  /** Milliseconds of the last attempt. */
  ms: number;
}

/**
 * Delivers `payload` the way WeCom does (§2.5): POST with text/xml, a 5 s deadline, and up to
 * `retries` more attempts while the answer is not 200, each signed anew. A non-empty 200 must
 * be an encrypted passive reply that verifies. `duplicates` sends the same payload that many
 * more times after it was accepted, as WeCom's redeliveries do.
 */
export async function deliverCallback(baseUrl: string, secrets: CallbackSecrets, payload: string, o: EnvelopeOptions & { retries?: number; duplicates?: number } = {}): Promise<Delivery> {
  const first = await deliverOnce(baseUrl, secrets, payload, o);
  for (let i = 0; i < (o.duplicates ?? 0); i++) await deliverOnce(baseUrl, secrets, payload, { ...o, nonce: undefined });
  return first;
}

async function deliverOnce(baseUrl: string, secrets: CallbackSecrets, payload: string, o: EnvelopeOptions & { retries?: number }): Promise<Delivery> {
  let last: Delivery = { status: 0, body: '', attempts: 0, ms: 0 };
  for (let attempt = 1; attempt <= 1 + (o.retries ?? 3); attempt++) {
    const cb = signedCallback(secrets, payload, { ...o, nonce: attempt === 1 ? o.nonce : undefined });
    const started = Date.now();
    try {
      const res = await fetch(`${baseUrl}${cb.path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: cb.body, signal: AbortSignal.timeout(5000) });
      last = { status: res.status, body: await res.text(), attempts: attempt, ms: Date.now() - started };
    } catch {
      last = { status: 0, body: '', attempts: attempt, ms: Date.now() - started };
    }
    if (last.status === 200) {
      if (last.body) checkPassiveReply(secrets, last.body);
      return last;
    }
  }
  return last;
}

/** Throws unless `body` is an encrypted reply signed with the app's token (§1.6). */
function checkPassiveReply(secrets: CallbackSecrets, body: string): void {
  const field = (name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)`).exec(body)?.[1] ?? '';
  const enc = field('Encrypt');
  if (getSignature(secrets.token, field('TimeStamp'), field('Nonce'), enc) !== field('MsgSignature')) throw new Error('passive reply: bad signature');
  if (decrypt(secrets.encodingAesKey, enc).id !== secrets.corpId) throw new Error('passive reply: wrong receiveid');
}
