/**
 * A job's notices are written in batches (issue 15: a month end's 10,000 pay slip notices): a
 * batch leaves exactly the rows that writing each notice in its own call leaves (targets,
 * dedup keys, payloads, order), skipping keys already in the outbox or taken earlier in the
 * batch; a batch that cannot be written whole is written one notice at a time, as before.
 */
import type { DataSource } from 'typeorm';
import type { Notice } from '../../../src/core/notifier';
import { createLogger } from '../../../src/core/logger';
import { OutboxMessage, PlatformIdentity, Team } from '../../../src/db/entities';
import { OutboxWriter } from '../../../src/outbox/outbox-writer';
import { makeTeam } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

/** A logger that keeps the messages it was given: a fallback to one notice at a time says so. */
function recordingLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } }), lines };
}
const FALLBACK = 'a batch of notices could not be written whole';
const card = (title: string) => ({ kind: 'card' as const, card: { title, tone: 'info' as const, fields: [], text: title } });

async function clearOutbox(ds: DataSource): Promise<void> {
  await ds.createQueryBuilder().delete().from(OutboxMessage).execute();
}

/** The outbox as (platform, key, payload), by id. */
async function rows(ds: DataSource): Promise<string[]> {
  return (await ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).map((o) => [o.platform, o.dedupKey, JSON.stringify(o.payload), o.status].join('|'));
}

describeEachDb('job notices in batches', (db) => {
  let notices: Notice[] = [];

  beforeAll(async () => {
    const ds = db();
    const { team, people: p } = await makeTeam(ds, [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '无号', role: 'agent' },
      { name: '赵敏', role: 'admin' },
    ]);
    const { team: chatTeam } = await makeTeam(ds, [{ name: '孙主管', role: 'supervisor' }]);
    await ds.getRepository(Team).update({ id: chatTeam.id }, { chats: { feishu: 'oc_group2' } });
    const at = new Date(0);
    for (const name of ['王强', '张伟', '李娜', '赵敏']) {
      await ds.getRepository(PlatformIdentity).insert({ platform: 'web', externalId: `u-${name}`, employeeId: p[name].id, createdAt: at, updatedAt: at });
    }
    const to = (name: string) => ({ kind: 'employee' as const, employeeId: p[name].id });
    notices = [
      { intent: { kind: 'send', to: to('张伟'), body: card('工资条') }, dedupKey: 'payslip:2026-11:a:r1' },
      { intent: { kind: 'send', to: to('李娜'), body: { kind: 'text', text: '你好' } }, dedupKey: 'text:1' },
      // Nobody can reach 无号: skipped, as a single notice would be.
      { intent: { kind: 'send', to: to('无号'), body: card('工资条') }, dedupKey: 'payslip:2026-11:b:r1' },
      // A team without a chat: a card is one row per member, each with its own key.
      { intent: { kind: 'send', to: { kind: 'team', teamId: team.id }, body: card('例会') }, dedupKey: 'meeting:team' },
      { intent: { kind: 'send', to: { kind: 'team', teamId: team.id }, body: { kind: 'text', text: '周报' } }, dedupKey: 'weekly:team' },
      { intent: { kind: 'send', to: { kind: 'team', teamId: chatTeam.id }, body: card('排名') }, dedupKey: 'ranking:chat' },
      // A key taken earlier in the same call.
      { intent: { kind: 'send', to: to('赵敏'), body: { kind: 'text', text: '第二次' } }, dedupKey: 'text:1' },
      // A key already in the outbox before the call.
      { intent: { kind: 'send', to: to('赵敏'), body: { kind: 'text', text: '早就有了' } }, dedupKey: 'already' },
      { intent: { kind: 'send', to: to('赵敏'), body: { kind: 'text', text: '汇总' } }, dedupKey: 'summary' },
    ];
  });

  test('all at once leaves the rows that one notice per call leaves, and counts them', async () => {
    const ds = db();
    const { logger, lines } = recordingLogger();
    const writer = new OutboxWriter(ds, logger);
    const now = new Date('2026-12-01T02:00:00Z');
    const already: Notice = { intent: { kind: 'send', to: notices[0].intent.kind === 'send' ? notices[0].intent.to : { kind: 'sender' }, body: { kind: 'text', text: '先到' } }, dedupKey: 'already' };

    await clearOutbox(ds);
    await writer.enqueueNotices(['web', 'feishu'], [already], now);
    let alone = 0;
    for (const n of notices) alone += await writer.enqueueNotices(['web', 'feishu'], [n], now);
    const reference = await rows(ds);

    await clearOutbox(ds);
    await writer.enqueueNotices(['web', 'feishu'], [already], now);
    const batched = await writer.enqueueNotices(['web', 'feishu'], notices, now);
    expect(await rows(ds)).toEqual(reference);
    expect(batched).toBe(alone);
    // Written as one batch: nothing fell back to one notice at a time.
    expect(lines.filter((l) => l.includes(FALLBACK))).toEqual([]);
    // 张伟, 李娜, the team card for its three reachable members, the team text as one row, the chat, the summary.
    expect([alone, reference.length]).toEqual([8, 9]);
    // A second call writes nothing (but for the team card without a chat: its own key is never
    // stored, only its members', so a second call clashes, as it did one notice at a time).
    expect(await writer.enqueueNotices(['web', 'feishu'], notices.filter((n) => n.dedupKey !== 'meeting:team'), now)).toBe(0);
  });

  test('a batch that cannot be written whole is written one notice at a time: those before the bad one are kept, the error is its own', async () => {
    const ds = db();
    const { logger, lines } = recordingLogger();
    const writer = new OutboxWriter(ds, logger);
    const now = new Date('2026-12-01T02:00:00Z');
    await clearOutbox(ds);
    // A row holding one member's key of the team card: the card's own key is free, its rows clash.
    await ds.getRepository(OutboxMessage).insert({
      platform: 'web', payload: {}, dedupKey: 'meeting:team:u:u-张伟', status: 'sent', attempts: 1, nextAttemptAt: now, lastError: null,
      claimedBy: null, claimedUntil: null, createdAt: now, sentAt: now, cardKey: null, messageId: null, messageIds: null,
    });
    await expect(writer.enqueueNotices(['web', 'feishu'], notices, now)).rejects.toThrow();
    const keys = (await ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).map((o) => o.dedupKey);
    expect(keys).toEqual(['meeting:team:u:u-张伟', 'payslip:2026-11:a:r1', 'text:1']);
    expect(lines.filter((l) => l.includes(FALLBACK))).toHaveLength(1);
  });
});
