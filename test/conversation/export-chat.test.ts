/**
 * 导出 (COMMANDS.md second wave: 导出 / export; H-8, H-20): an admin gets the closed month's
 * payroll as two files in the chat — the xlsx with Chinese column names, a totals row and the
 * close summary's flags, and the contract CSV byte for byte as `bot payroll export` writes it.
 * Agents and supervisors are refused; a month not closed is refused naming 结算.
 */
import ExcelJS from 'exceljs';
import { runPayrollExport } from '../../src/cli-payroll';
import { AuditEntry, ChatFile } from '../../src/db/entities';
import { addManualEntry } from '../../src/services/ledger';
import { closeMonth } from '../../src/services/payroll';
import type { SentMessage } from '../helpers/memory-messenger';
import { ChatHarness, texts } from '../helpers/chat-harness';
import { makeTeam, serviceContext, sh } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/** The bytes of a file reply; fails the test on anything else. */
const fileOf = (m: SentMessage): { name: string; mediaType: string; content: Buffer } => {
  if (m.body.kind !== 'file') throw new Error(`expected a file, got ${m.body.kind}`);
  return { name: m.body.file.name, mediaType: m.body.file.mediaType, content: m.body.content };
};

describeEachDb('chat: 导出 (issue 17, the admin)', (db) => {
  const setup = async () => {
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      // A base of 50 yuan and one 私人电话 fine of 100 yuan (H-18): a negative total, flagged.
      { name: '张伟', role: 'agent', baseSalaryFen: 5000 },
      { name: '李娜', role: 'agent' },
      { name: '赵敏', role: 'admin' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(p));
    await addManualEntry(serviceContext(db()), { actor: p['王强'], target: p['张伟'], input: { kind: 'misconduct', name: '私人电话' }, at: sh('2026-11-20 10:00:00'), workDate: '2026-11-20' });
    await closeMonth(serviceContext(db()), '2026-11', { now: sh('2026-12-01 01:00:00') });
    return { chat, p };
  };

  test('an admin gets the summary, the xlsx (Chinese columns, totals, flags) and the CSV exactly as `bot payroll export` writes it', async () => {
    const { chat, p } = await setup();
    const { outcome, replies } = await chat.say(p['赵敏'], '导出 11月', { at: '2026-12-03 10:00:00' });
    expect(outcome.status).toBe('handled');
    expect(replies.map((r) => r.body.kind)).toEqual(['text', 'file', 'file']);
    expect(replies.every((r) => r.target.kind === 'user' && r.target.externalId === chat.account(p['赵敏']))).toBe(true);
    // 张伟 -50.00 + 王强 1000.00 + 李娜 1000.00 + 赵敏 1000.00 (policy base, no facts, score 100 or 90).
    expect(texts(replies)[0]).toBe(
      [
        '2026年11月工资表：4 人，应发合计 2950.00 元。',
        '· 工资表-2026-11.xlsx：中文列名，末行为合计，「标记」列是结算摘要的提示',
        '· payroll-2026-11.csv：与 bot payroll export 导出的 CSV 完全相同',
        '请核对：合计为负 1 人（见「标记」列）。',
      ].join('\n'),
    );

    const xlsx = fileOf(replies[1]);
    expect([xlsx.name, xlsx.mediaType]).toEqual(['工资表-2026-11.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.content as never);
    const ws = wb.worksheets[0];
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual(['工号', '姓名', '团队', '月份', '底薪', '有效通话', '通话提成', 'A类客户', 'B类客户', '客户奖金', '回款', '回款提成', '积分', '积分奖惩', '罚款', '应发合计', '标记']);
    const zhang = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1)).find((r) => r.getCell(2).value === '张伟')!;
    expect([zhang.getCell(15).value, zhang.getCell(16).value, zhang.getCell(17).value]).toEqual([100, -50, '合计为负']);
    const totals = ws.getRow(ws.rowCount);
    expect([totals.getCell(1).value, totals.getCell(16).value, totals.getCell(17).value]).toEqual(['合计', 2950, '合计为负 1 人']);

    // The CSV is the contract file: the very bytes the CLI writes for the month.
    const csv = fileOf(replies[2]);
    expect([csv.name, csv.mediaType]).toEqual(['payroll-2026-11.csv', 'text/csv']);
    let cli = '';
    const code = await runPayrollExport(serviceContext(db()), { month: '2026-11', now: sh('2026-12-03 10:00:00') }, { write: (d) => (cli += d), err: () => undefined });
    expect(code).toBe(0);
    expect(csv.content.equals(Buffer.from(cli, 'utf8'))).toBe(true);
    expect(cli.startsWith('\uFEFFemployee_no,name,team,month,')).toBe(true);

    // Both files are stored for the outbox, and the export is audited under the admin (H-20).
    expect(await db().getRepository(ChatFile).countBy({ employeeId: p['赵敏'].id })).toBe(2);
    const audit = await db().getRepository(AuditEntry).findOne({ where: { action: 'payroll.export', actorId: p['赵敏'].id } });
    expect(audit).toMatchObject({ actor: 'chat', subjectId: '2026-11', details: { rows: 4, draft: false } });
  });

  test('from a group chat the files go to the admin privately, and the group is told so', async () => {
    const { chat, p } = await setup();
    const { replies } = await chat.say(p['赵敏'], '导出 上月', { at: '2026-12-03 10:00:00', group: 'g-payroll' });
    const toAdmin = replies.filter((r) => r.target.kind === 'user' && r.target.externalId === chat.account(p['赵敏']));
    expect(toAdmin.map((r) => r.body.kind)).toEqual(['text', 'file', 'file']);
    const toGroup = replies.filter((r) => r.target.kind === 'chat');
    expect(texts(toGroup)).toEqual(['@赵敏 工资表属于个人信息，已私信发给你。']);
  });

  test.each([['李娜'], ['王强']])('%s (not an admin) is refused politely and no file is made', async (who) => {
    const { chat, p } = await setup();
    const files = await db().getRepository(ChatFile).count();
    const { outcome, replies } = await chat.say(p[who], '导出 11月', { at: '2026-12-03 10:00:00' });
    expect(outcome.status).toBe('user-error');
    expect(texts(replies)).toEqual(['「导出」只有管理员可以使用。发送「帮助」查看你能用的命令。']);
    expect(await db().getRepository(ChatFile).count()).toBe(files);
  });

  test('a month not closed is refused naming 结算; a future month and a bad month too; nothing is stored or audited', async () => {
    const { chat, p } = await setup();
    const audits = await db().getRepository(AuditEntry).countBy({ action: 'payroll.export' });
    const files = await db().getRepository(ChatFile).count();
    const open = await chat.say(p['赵敏'], '导出 12月', { at: '2026-12-03 10:00:00' });
    expect(open.outcome.status).toBe('user-error');
    expect(texts(open.replies)[0]).toMatch(/^2026年12月还没有结算，不能导出工资表。请先发送「结算 12月」结算该月，再发送「导出 12月」。/);
    const october = await chat.say(p['赵敏'], '导出 2026-10', { at: '2026-12-03 10:00:01' });
    expect(texts(october.replies)[0]).toMatch(/^2026年10月还没有结算/);
    const future = await chat.say(p['赵敏'], '导出 2027-01', { at: '2026-12-03 10:00:02' });
    expect(texts(future.replies)[0]).toMatch(/^2027年1月还没到，没有工资表。\n正确示例：导出 11月/);
    const bad = await chat.say(p['赵敏'], '导出 13月', { at: '2026-12-03 10:00:03' });
    expect(texts(bad.replies)[0]).toMatch(/月份应在 1 到 12 之间.*\n正确示例：导出 11月/s);
    expect(await db().getRepository(ChatFile).count()).toBe(files);
    expect(await db().getRepository(AuditEntry).countBy({ action: 'payroll.export' })).toBe(audits);
  });

  test('a total a forced re-close moved by more than payroll.flagChangeYuan (500) is flagged, as the close summary flags it', async () => {
    const { chat, p } = await setup();
    const ctx = serviceContext(db());
    await closeMonth(ctx, '2026-10', { now: sh('2026-11-01 02:00:00') });
    // Six 私人电话 (H-18: 100 yuan and −10 each): fines 600, score 40 → −200; 1000 → 200.
    for (let i = 0; i < 6; i++) {
      await addManualEntry(ctx, { actor: p['王强'], target: p['李娜'], input: { kind: 'misconduct', name: '私人电话' }, at: sh('2026-12-02 10:00:00'), workDate: '2026-10-20' });
    }
    await closeMonth(ctx, '2026-10', { now: sh('2026-12-02 11:00:00'), force: true });
    const { replies } = await chat.say(p['赵敏'], '导出 10月', { at: '2026-12-03 10:00:00' });
    expect(texts(replies)[0]).toMatch(/\n请核对：合计变动超过 500\.00 元 1 人（见「标记」列）。$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fileOf(replies[1]).content as never);
    const ws = wb.worksheets[0];
    const rows = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
    const li = rows.find((r) => r.getCell(1).value === p['李娜'].no)!;
    expect([li.getCell(16).value, li.getCell(17).value]).toEqual([200, '合计变动超过 500.00 元']);
    // 张伟's fine is in November: October is not negative for him; the totals row counts the flag.
    expect(rows.find((r) => r.getCell(1).value === p['张伟'].no)!.getCell(17).value).toBeNull();
    expect(rows[rows.length - 1].getCell(17).value).toBe('合计变动超过 500.00 元 1 人');
  });
});
