import type { DataSource } from 'typeorm';
import { AttendanceDay, PointEntry } from '../../../src/db/entities';
import { findJob } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { summaryDeadline } from '../../../src/services/weekly';
import { makeTeam, serviceContext, sh, testJobDeps } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

// H-1 and the provisional calendar: the holiday package ends at 2026, so 2027 is judged on
// weekends plus the statutory days the law fixes (元旦, 春节 from 除夕, 清明, 劳动节, 端午,
// 中秋, 国庆). Before this, 2027-01-01 was a workday: everyone got 旷工一天 on New Year's Day.

/** The live (not reversed) ledger codes of an employee on `date`. */
async function liveCodes(ds: DataSource, employeeId: number, date: string): Promise<string[]> {
  const rows = await ds.getRepository(PointEntry).find({ where: { employeeId }, order: { id: 'ASC' } });
  const reversed = new Set(rows.map((r) => r.reversesId));
  return rows.filter((r) => r.workDate === date && r.reversesId === null && !reversed.has(r.id)).map((r) => r.code);
}

const job = (name: string) => findJob(name)!;

describeEachDb('the provisional calendar of 2027 in the jobs (H-1, H-11, H-13)', (db) => {
  const ctx = () => serviceContext(db());

  test.each<[string, string]>([
    ['H-1 元旦 2027-01-01 (a Friday)', '2027-01-01'],
    ['H-1 除夕 2027-02-05 (a Friday), the first day of 春节', '2027-02-05'],
    ['H-1 春节 2027-02-08 (a Monday), its fourth day', '2027-02-08'],
    ['H-1 清明 2027-04-05 (a Monday)', '2027-04-05'],
    ['H-1 端午 2027-06-09 (a Wednesday)', '2027-06-09'],
    ['H-1 中秋 2027-09-15 (a Wednesday)', '2027-09-15'],
    ['H-1 国庆 2027-10-01 (a Friday)', '2027-10-01'],
  ])('%s: close-day judges nobody absent', async (_title, date) => {
    const { people } = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
    const r = await runJob(testJobDeps(ctx()), job('close-day'), date, { now: sh(`${date} 23:50:00`) });
    expect(r).toMatchObject({ ran: true });
    for (const p of Object.values(people)) {
      expect(await liveCodes(db(), p.id, date)).toEqual([]);
      expect(await db().getRepository(AttendanceDay).findOneBy({ employeeId: p.id, workDate: date })).toBeNull();
    }
  });

  test('H-11 an ordinary provisional workday (2027-01-04) is still judged: no punch is 旷工一天', async () => {
    const { people } = await makeTeam(db(), [{ name: '张伟', role: 'agent' }]);
    await runJob(testJobDeps(ctx()), job('close-day'), '2027-01-04', { now: sh('2027-01-04 23:50:00') });
    expect(await liveCodes(db(), people['张伟'].id, '2027-01-04')).toEqual(['absent-day']);
    expect(await db().getRepository(AttendanceDay).findOneBy({ employeeId: people['张伟'].id, workDate: '2027-01-04' })).toMatchObject({ provisional: true });
  });

  test.each<[string, string, string]>([
    ['H-13 the week of 元旦 ends on Thursday 2026-12-31, not on the holiday', '2026-12-28', '2026-12-31'],
    ['H-13 the week of 除夕 ends on Thursday 2027-02-04', '2027-02-01', '2027-02-04'],
    ['H-13 the week of 国庆 2027 ends on Thursday 09-30', '2027-09-27', '2027-09-30'],
    ['H-13 the week of 中秋 2027 still ends on Friday 09-17', '2027-09-13', '2027-09-17'],
  ])('%s', (_title, monday, lastWorkday) => {
    expect(summaryDeadline(ctx(), monday)?.date).toBe(lastWorkday);
  });
});
