import type { DataSource } from 'typeorm';
import type { AdminAlert } from '../core/dispatcher';
import type { Platform } from '../core/incoming-event';
import type { Logger } from '../core/logger';
import type { OutboxMessage } from '../db/entities';
import { findEmployeeByAccount } from '../db/event-ports';
import type { OutboxPayload } from './outbox-writer';

/** The dedup key prefix of the admins' alerts: an alert that fails is logged, never alerted again. */
export const ALERT_KEY_PREFIX = 'outbox-failed:';

/** What a row was about, in a few words: a card's title, a text's first line. */
function subject(payload: OutboxPayload): string {
  if (payload.kind === 'update') return `卡片更新「${payload.card.title}」`;
  if (payload.body.kind === 'file') return `文件「${payload.body.file.name}」`;
  const what = payload.body.kind === 'card' ? payload.body.card.title : payload.body.text.split('\n')[0];
  const short = [...what].length > 40 ? `${[...what].slice(0, 40).join('')}…` : what;
  return payload.body.kind === 'card' ? `卡片「${short}」` : `消息「${short}」`;
}

/** Who a send was for: the employee's name when known, else the account or chat. */
function recipient(payload: OutboxPayload, name: string | null): string {
  if (payload.kind === 'update') return '各审批人';
  const t = payload.target;
  if (name) return name;
  return t.kind === 'user' ? `账号 ${t.externalId}` : t.kind === 'chat' ? `群 ${t.chatId}` : `${t.externalIds.length} 人`;
}

/**
 * The admins' alert about a message given up for good, or null when none is due: an alert that
 * fails is not alerted about (that would loop while the platform is down). A scheduled message
 * (it has a dedup key) says so and names its key, so the admins know which run to repeat.
 */
export function failureAlertText(row: OutboxMessage, error: string, recipientName: string | null): string | null {
  if (row.dedupKey?.startsWith(ALERT_KEY_PREFIX)) return null;
  const payload = row.payload as OutboxPayload;
  const scheduled = row.dedupKey ? `这是定时任务的消息（${row.dedupKey}），排除原因后可用 job run 加 --force 重发。` : '';
  return (
    `消息发送失败，已放弃：${subject(payload)}，发给${recipient(payload, recipientName)}（${row.platform}，第 ${row.id} 条，共试 ${row.attempts + 1} 次）。` +
    `原因：${error.slice(0, 200)}。${scheduled}请检查平台配置或网络；日志里有详情。`
  );
}

/**
 * A message given up for good: the admins are told what and to whom (the employee's name when
 * the account is bound), unless it was itself such an alert, which is only logged.
 */
export async function alertFailedMessage(ds: DataSource, row: OutboxMessage, error: string, alertAdmins: (alert: AdminAlert) => Promise<void>, logger: Logger): Promise<void> {
  const payload = row.payload as OutboxPayload;
  const target = payload.kind === 'send' ? payload.target : undefined;
  const to = target?.kind === 'user' ? await findEmployeeByAccount(ds, row.platform as Platform, target.externalId) : null;
  const text = failureAlertText(row, error, to?.name ?? null);
  if (!text) return void logger.error({ outboxId: row.id, platform: row.platform }, 'an alert to the admins could not be delivered either');
  await alertAdmins({ key: `${ALERT_KEY_PREFIX}${row.id}`, text });
}
