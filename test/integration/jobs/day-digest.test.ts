/**
 * day-digest (issue 16; COMMANDS "Automatic messages of the second wave"): after close-day each
 * person with new entries that day gets ONE direct message listing them (rule, evidence,
 * points, fine) with 申诉 on each entry and 补卡 where a punch is missing or late; a clean day
 * sends nothing; a re-run sends nothing new; a reversal by re-judging (a late leave approval)
 * sends a short update only; the supervisor gets the team's day summary, and the admins get
 * the summary of a team without a supervisor.
 */
import type { NeutralCard } from '../../../src/core/neutral-card';
import { ManualClock } from '../../../src/core/clock';
import { Employee, OutboxMessage, PointEntry } from '../../../src/db/entities';
import { findJob } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { recordCheckin, recordPunch } from '../../../src/services/attendance';
import { requestCorrection } from '../../../src/services/corrections/correction-service';
import { decideLeave, requestLeave } from '../../../src/services/leave';
import { submitDailyReport } from '../../../src/services/reports';
import type { ServiceContext } from '../../../src/services/service-context';
import { makeTeam, serviceContext, sh, testJobDeps, bindWebAccounts } from '../../helpers/service-context';
import { clearAllTables, describeEachDb } from '../../helpers/test-db';
import type { DataSource } from 'typeorm';

const DAY = '2026-12-03';

/** The cards of the outbox rows whose key starts with `prefix`, in id order, with their recipient's account. */
async function cards(ds: DataSource, prefix: string): Promise<Array<{ key: string; to: string; card: NeutralCard }>> {
  const rows = await ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
  return rows
    .filter((r) => (r.dedupKey ?? '').startsWith(prefix))
    .map((r) => {
      const p = r.payload as { target: { externalId: string }; body: { card: NeutralCard } };
      return { key: r.dedupKey as string, to: p.target.externalId, card: p.body.card };
    });
}

async function run(ctx: ServiceContext, job: string, at: string, force = false) {
  const now = sh(at);
  const spec = findJob(job);
  if (!spec) throw new Error(job);
  return runJob(testJobDeps(ctx, new ManualClock(now)), spec, DAY, { now, force });
}

async function entryId(ds: DataSource, employeeId: number, code: string): Promise<number> {
  const e = await ds.getRepository(PointEntry).findOneByOrFail({ employeeId, code, workDate: DAY, sourceType: 'day' });
  return e.id;
}

describeEachDb('day-digest: one message per person with new entries, the supervisors\' day summary', (db) => {
  beforeEach(() => clearAllTables(db()));

  test('H-11/H-12: late + missing clock-out + no 日报 → one message with each entry and its buttons; a clean colleague hears nothing; a re-run sends nothing new; a late approval sends only the reversal', async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '李娜', role: 'agent' },
      { name: '刘洋', role: 'agent' },
      { name: '赵敏', role: 'admin' },
    ]);
    await bindWebAccounts(db(), Object.values(p));
    const ctx = serviceContext(db());
    const punch = (who: Employee, kind: 'in' | 'out', at: string) => recordPunch(ctx, { employee: who, kind, at: sh(at) });
    // 张伟: 12 minutes late (H-11), no clock-out, on time at the meeting, no 日报.
    await punch(p['张伟'], 'in', `${DAY} 09:12:00`);
    await recordCheckin(ctx, { employee: p['张伟'], at: sh(`${DAY} 17:01:00`) });
    // 李娜 and the supervisor: a clean day.
    for (const who of [p['李娜'], p['王强']]) {
      await punch(who, 'in', `${DAY} 08:55:00`);
      await recordCheckin(ctx, { employee: who, at: sh(`${DAY} 17:00:00`) });
      await punch(who, 'out', `${DAY} 18:05:00`);
    }
    await submitDailyReport(ctx, { employee: p['李娜'], calls: 80, sentAt: sh(`${DAY} 18:02:00`) });
    // 刘洋: asked for the day off the day before; still pending at the close, so absent (H-14).
    const leave = await requestLeave(ctx, {
      requester: p['刘洋'], filer: p['刘洋'], kind: 'personal', span: { startDate: DAY, startHalf: 'am', endDate: DAY, endHalf: 'pm' }, reason: '家里有事', sentAt: sh('2026-12-02 10:00:00'),
    });

    // 李娜 asks to correct her clock-out (a pending 补卡 B, counted in the summary with the leave).
    await requestCorrection(ctx, { requester: p['李娜'], date: DAY, kind: 'out', minute: 18 * 60 + 30, reason: '打错卡了', sentAt: sh(`${DAY} 19:00:00`) });

    expect(await run(ctx, 'close-day', `${DAY} 23:50:00`)).toMatchObject({ ran: true });
    const digest = await run(ctx, 'day-digest', `${DAY} 23:55:00`);
    expect(digest).toMatchObject({ ran: true, outcome: `${DAY}: told 2, updated 0, 1 summary messages` });

    const personal = await cards(db(), `day-digest:${DAY}:`);
    expect(personal.map((c) => c.to).sort()).toEqual([`u-${p['刘洋'].no}`, `u-${p['张伟'].no}`].sort());
    const late = await entryId(db(), p['张伟'].id, 'late');
    const missing = await entryId(db(), p['张伟'].id, 'missing-out');
    const zhang = personal.find((c) => c.to === `u-${p['张伟'].no}`)?.card as NeutralCard;
    expect(zhang.title).toBe('12月3日 考勤记录');
    expect(zhang.fields).toEqual([
      { label: `P${late} 迟到（H-11）`, value: '上班打卡 09:12，应在 09:00 前；−2 分，罚款 10 元' },
      { label: `P${missing} 缺下班打卡（H-11）`, value: '没有下班打卡（上班打卡 09:12）；−2 分，罚款 10 元' },
    ]);
    expect(zhang.text).toContain('合计 −4 分，罚款 20 元');
    expect(zhang.text).toContain('当天记录：上班 09:12，下班 未打卡，例会签到 17:01，日报 未交');
    expect(zhang.buttons).toEqual([
      { label: `申诉 P${late}`, actionId: 'appeal.open', value: { id: String(late) }, command: `申诉 P${late} 原因` },
      { label: `申诉 P${missing}`, actionId: 'appeal.open', value: { id: String(missing) }, command: `申诉 P${missing} 原因` },
      { label: '补上班卡', actionId: 'correction.open', value: { date: DAY, which: 'in' }, command: '补卡 12月3日 上班 09:00 原因' },
      { label: '补下班卡', actionId: 'correction.open', value: { date: DAY, which: 'out' }, command: '补卡 12月3日 下班 18:00 原因' },
    ]);
    const absent = await entryId(db(), p['刘洋'].id, 'absent-day');
    const liu = personal.find((c) => c.to === `u-${p['刘洋'].no}`)?.card as NeutralCard;
    expect(liu.fields).toEqual([{ label: `P${absent} 旷工一天（H-11）`, value: '全天没有打卡，也没有批准的请假；−10 分，罚款 137.93 元' }]);
    expect(liu.buttons?.map((b) => b.label)).toEqual([`申诉 P${absent}`, '补上班卡', '补下班卡']);

    // The supervisor's summary: late with minutes, the missing punch, no 日报, the absence, the pending leave.
    const [summary] = await cards(db(), `day-summary:${DAY}:`);
    expect(summary.to).toBe(`u-${p['王强'].no}`);
    // By employee number; a whole day absent is the day's only attendance or meeting entry (edges).
    expect(summary.card.fields).toEqual([
      { label: '旷工', value: '刘洋（旷工一天）' },
      { label: '迟到', value: '张伟 12 分钟' },
      { label: '缺卡', value: '张伟（缺下班打卡）' },
      { label: '未交日报', value: '刘洋、张伟' },
    ]);
    expect(summary.card.text).toBe('待审批：请假 1 件，补卡 1 件（发送「审批」查看）');

    // A forced re-run with nothing new: nothing to anyone (the summary is unchanged too).
    const before = await db().getRepository(OutboxMessage).count();
    expect(await run(ctx, 'day-digest', `${DAY} 23:58:00`, true)).toMatchObject({ ran: true, outcome: `${DAY}: told 0, updated 0, 0 summary messages` });
    expect(await db().getRepository(OutboxMessage).count()).toBe(before);

    // The supervisor approves the leave the next morning: the day is re-judged, the absence reversed (H-14).
    await decideLeave(ctx, { actor: p['王强'], requestId: leave.request.id, approve: true, at: sh('2026-12-04 09:30:00') });
    expect(await run(ctx, 'day-digest', '2026-12-04 09:31:00', true)).toMatchObject({ ran: true, outcome: `${DAY}: told 0, updated 1, 1 summary messages` });
    const update = (await cards(db(), `day-digest:${DAY}:`)).slice(2);
    expect(update).toHaveLength(1);
    expect(update[0].to).toBe(`u-${p['刘洋'].no}`);
    expect(update[0].card).toMatchObject({
      title: '12月3日 考勤记录有变化',
      fields: [{ label: `撤销 P${absent} 旷工一天（H-11）`, value: '重新判定后不再成立：+10 分，退还罚款 137.93 元' }],
      buttons: [],
    });
    expect(update[0].card.text).toContain('合计 +10 分，退还罚款 137.93 元');
    // 张伟 hears nothing again; the supervisor's new summary has no absence and only the 补卡 pending.
    const summaries = await cards(db(), `day-summary:${DAY}:`);
    expect(summaries).toHaveLength(2);
    expect(summaries[1].card.fields.map((f) => f.label)).toEqual(['迟到', '缺卡', '未交日报']);
    expect(summaries[1].card.text).toBe('待审批：补卡 1 件（发送「审批」查看）');
  });

  test('an empty day says so in one line; a team without a supervisor is summed up for the admins; a day not closed is refused', async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '孙丽', role: 'agent' },
      { name: '钱军', role: 'admin' },
    ]);
    await bindWebAccounts(db(), Object.values(p));
    const ctx = serviceContext(db());
    const refused = run(ctx, 'day-digest', `${DAY} 23:55:00`);
    await expect(refused).rejects.toThrow(`${DAY} 还没有结算考勤，先运行：bot job run close-day --date ${DAY}`);
    await recordPunch(ctx, { employee: p['孙丽'], kind: 'in', at: sh(`${DAY} 08:59:00`) });
    await recordCheckin(ctx, { employee: p['孙丽'], at: sh(`${DAY} 17:02:00`) });
    await recordPunch(ctx, { employee: p['孙丽'], kind: 'out', at: sh(`${DAY} 18:00:00`) });
    await submitDailyReport(ctx, { employee: p['孙丽'], calls: 90, sentAt: sh(`${DAY} 17:50:00`) });
    await run(ctx, 'close-day', `${DAY} 23:50:00`);
    // The failed digest above may be taken again.
    const r = await run(ctx, 'day-digest', `${DAY} 23:56:00`);
    expect(r.ran).toBe(true);
    expect(await cards(db(), `day-digest:${DAY}:${p['孙丽'].id}:`)).toEqual([]);
    expect(await cards(db(), `day-summary:${DAY}:`)).toEqual([
      expect.objectContaining({
        to: `u-${p['钱军'].no}`,
        card: expect.objectContaining({
          fields: [],
          text: '12月3日全组 1 人考勤正常：没有旷工、迟到、早退、缺卡、未交日报或例会缺席。\n待审批：无\n（该组没有主管，汇总发给管理员。）',
        }),
      }),
    ]);
  });
});
