import crypto from 'node:crypto';

/** The app secrets a push is made with. */
export interface PushKeys {
  appId: string;
  encryptKey: string;
  verificationToken: string;
}

/** A push ready to POST: the exact body bytes and the headers Feishu sends with them. */
export interface Push {
  body: string;
  headers: Record<string, string>;
}

/** A person as Feishu names them in events. */
export interface FeishuUser {
  openId: string;
  name?: string;
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36).padStart(4, '0')}`;

/** AES-256-CBC with key sha256(encryptKey), random IV in front, base64 (docs/platforms/feishu.md §1.3, §4.5). */
export function feishuEncrypt(plain: string, encryptKey: string): string {
  const key = crypto.createHash('sha256').update(encryptKey, 'utf8').digest();
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** X-Lark-Signature: hex(sha256(timestamp + nonce + encryptKey + body)) (docs/platforms/feishu.md §1.4). */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return crypto.createHash('sha256').update(timestamp + nonce + encryptKey + body).digest('hex');
}

/**
 * Builds pushes exactly as Feishu sends them: compact JSON `{"encrypt":…}`, signed with the
 * timestamp in seconds and a numeric nonce, Content-Type application/json;charset=utf-8.
 */
export class FeishuPushBuilder {
  constructor(readonly keys: PushKeys) {}

  /** Encrypts `payload` and signs the resulting bytes. */
  push(payload: object, opts: { timestamp?: number } = {}): Push {
    const body = JSON.stringify({ encrypt: feishuEncrypt(JSON.stringify(payload), this.keys.encryptKey) });
    return this.sign(body, opts.timestamp);
  }

  /** Signs raw bytes as they are (for bodies a test builds itself). */
  sign(body: string, timestamp = Math.floor(Date.now() / 1000)): Push {
    const ts = String(timestamp);
    const nonce = String(crypto.randomInt(1e9));
    return {
      body,
      headers: {
        'content-type': 'application/json;charset=utf-8',
        'user-agent': 'Go-http-client/1.1',
        'x-lark-request-timestamp': ts,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': feishuSignature(ts, nonce, this.keys.encryptKey, body),
      },
    };
  }

  /** The URL-verification challenge: encrypted, and unsigned as Feishu sends it (docs/platforms/feishu.md §1.2). */
  challenge(challenge: string, token = this.keys.verificationToken): Push {
    const plain = JSON.stringify({ challenge, token, type: 'url_verification' });
    return { body: JSON.stringify({ encrypt: feishuEncrypt(plain, this.keys.encryptKey) }), headers: { 'content-type': 'application/json;charset=utf-8' } };
  }

  /** A schema-2.0 envelope around `event`. */
  envelope(eventType: string, event: object, opts: { eventId?: string; createTime?: string; token?: string } = {}): object {
    return {
      schema: '2.0',
      header: {
        event_id: opts.eventId ?? crypto.randomBytes(16).toString('hex'),
        event_type: eventType,
        create_time: opts.createTime ?? String(Date.now()),
        token: opts.token ?? this.keys.verificationToken,
        app_id: this.keys.appId,
        tenant_key: 'tenant-e2e',
      },
      event,
    };
  }

  /** `im.message.receive_v1` (docs/platforms/feishu.md §1.7); `at` is when it was sent (header.create_time, ms). */
  message(
    from: FeishuUser,
    type: 'text' | 'image' | 'file' | 'sticker',
    content: object,
    opts: { at?: Date; chatType?: 'p2p' | 'group'; chatId?: string; messageId?: string; eventId?: string; mentions?: Array<FeishuUser & { key: string }>; token?: string; senderType?: string } = {},
  ): object {
    const at = opts.at ?? new Date();
    const message = {
      message_id: opts.messageId ?? nextId('om_'),
      create_time: String(at.getTime()),
      update_time: String(at.getTime()),
      chat_id: opts.chatId ?? `oc_p2p_${from.openId}`,
      chat_type: opts.chatType ?? 'p2p',
      message_type: type,
      content: JSON.stringify(content),
      ...(opts.mentions ? { mentions: opts.mentions.map((m) => ({ key: m.key, id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: null }, name: m.name ?? '', tenant_key: 'tenant-e2e' })) } : {}),
    };
    const sender = { sender_id: { open_id: from.openId, union_id: `on_${from.openId}`, user_id: null }, sender_type: opts.senderType ?? 'user', tenant_key: 'tenant-e2e' };
    return this.envelope('im.message.receive_v1', { sender, message }, { eventId: opts.eventId, createTime: String(at.getTime()), token: opts.token });
  }

  /** A text message. */
  text(from: FeishuUser, text: string, opts: Parameters<FeishuPushBuilder['message']>[3] = {}): object {
    return this.message(from, 'text', { text }, opts);
  }

  /** `card.action.trigger` (docs/platforms/feishu.md §2.3); header.create_time in microseconds, as the doc samples. */
  cardAction(operator: FeishuUser, value: Record<string, unknown>, opts: { at?: Date; formValue?: Record<string, unknown>; messageId?: string; eventId?: string; name?: string } = {}): object {
    const at = opts.at ?? new Date();
    const event = {
      operator: { tenant_key: 'tenant-e2e', open_id: operator.openId, union_id: `on_${operator.openId}` },
      token: `c-${crypto.randomBytes(12).toString('hex')}`,
      action: { value, tag: 'button', ...(opts.name ? { name: opts.name } : {}), ...(opts.formValue ? { form_value: opts.formValue } : {}), timezone: 'Asia/Shanghai' },
      host: 'im_message',
      context: { open_message_id: opts.messageId ?? nextId('om_'), open_chat_id: 'oc_card_chat' },
    };
    return this.envelope('card.action.trigger', event, { eventId: opts.eventId, createTime: `${at.getTime()}000` });
  }
}
