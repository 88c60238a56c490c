import { createHash } from 'node:crypto';

/**
 * Why: im/v1/messages (send and reply) take an optional `uuid`; Feishu sends at most one
 * message per uuid within 1 hour, and the uuid is at most 50 characters
 * (docs/platforms/feishu.md §3.2; https://open.feishu.cn/document/server-docs/im-v1/message/create).
 */
export const FEISHU_UUID_MAX_LENGTH = 50;

/**
 * The `uuid` of a send from the outbox's idempotency key (`part`: the n-th message of one
 * outbox row, when a row becomes several sends). The same key always gives the same uuid, so a
 * retry of the row is dropped by Feishu; a key too long is hashed to fit.
 */
export function feishuUuid(key: string | undefined, part?: number): string | undefined {
  if (!key) return undefined;
  const uuid = part === undefined ? key : `${key}-${part}`;
  return uuid.length <= FEISHU_UUID_MAX_LENGTH ? uuid : createHash('sha256').update(uuid).digest('hex').slice(0, FEISHU_UUID_MAX_LENGTH);
}
