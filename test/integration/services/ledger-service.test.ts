import { addManualEntry, reverseEntry } from '../../../src/services/ledger';
import { monthStatement } from '../../../src/services/ledger/statement';
import { describeEachDb } from '../../helpers/test-db';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';

describeEachDb('ledger: supervisors\' entries (H-15…H-19)', (db) => {
  const ctx = () => serviceContext(db());
  const setup = async () => {
    const a = await makeTeam(db(), [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }]);
    const b = await makeTeam(db(), [{ name: '孙丽', role: 'supervisor' }, { name: '周杰', role: 'agent' }]);
    return { ...a.people, ...b.people };
  };
  const at = sh('2026-12-03 10:00:00');

  test.each([
    ['H-15 值日', '值日', 'H-15', -5, 500],
    ['H-15 by alias 卫生', '卫生', 'H-15', -5, 500],
    ['H-16 座位', '座位', 'H-16', -2, 0],
    ['H-17 闲聊', '闲聊', 'H-17', -2, 0],
    ['H-17 骂客户', '骂客户', 'H-17', -5, 0],
    ['H-18 私人电话', '私人电话', 'H-18', -10, 10000],
    ['H-19 负面影响', '负面影响', 'H-19', -10, 0],
  ])('%s carries its own points and fine', async (_case, name, rule, points, fineFen) => {
    const p = await setup();
    const entry = await addManualEntry(ctx(), { actor: p['王强'], target: p['张伟'], input: { kind: 'misconduct', name }, at });
    expect(entry).toMatchObject({ rule, points, fineFen, createdBy: p['王强'].id, month: '2026-12', workDate: '2026-12-03' });
  });

  test('an unknown misconduct lists the valid ones', async () => {
    const p = await setup();
    await expect(addManualEntry(ctx(), { actor: p['王强'], target: p['张伟'], input: { kind: 'misconduct', name: '迟到早退' }, at })).rejects.toMatchObject({
      code: 'ledger.misconduct', message: expect.stringContaining('值日、座位、闲聊、骂客户、私人电话、负面影响'),
    });
  });

  test('deduct by number with a reason, award, and the month score adds up', async () => {
    const p = await setup();
    await addManualEntry(ctx(), { actor: p['王强'], target: p['张伟'], input: { kind: 'deduct', points: 3, reason: '态度问题' }, at });
    await addManualEntry(ctx(), { actor: p['赵敏'], target: p['张伟'], input: { kind: 'award', points: 5, reason: '客户表扬' }, at });
    const s = await monthStatement(ctx(), p['张伟'].id, '2026-12');
    expect(s).toMatchObject({ start: 100, score: 102, finesFen: 0 });
    expect(s.lines.map((l) => [l.points, l.by, l.reason])).toEqual([[-3, '王强', '态度问题'], [5, '赵敏', '客户表扬']]);
  });

  test.each([
    ['points out of range', { kind: 'deduct' as const, points: 0, reason: 'x' }, 'ledger.points'],
    ['no reason', { kind: 'award' as const, points: 2, reason: '  ' }, 'ledger.reason'],
  ])('refused: %s', async (_case, input, code) => {
    const p = await setup();
    await expect(addManualEntry(ctx(), { actor: p['王强'], target: p['张伟'], input, at })).rejects.toMatchObject({ code });
  });

  test.each([
    ['an agent', '张伟', '王强', 'ledger.team'],
    ['the supervisor of another team', '孙丽', '张伟', 'ledger.team'],
    ['oneself', '王强', '王强', 'ledger.self'],
  ])('%s may not deduct', async (_case, actor, target, code) => {
    const p = await setup();
    await expect(addManualEntry(ctx(), { actor: p[actor], target: p[target], input: { kind: 'misconduct', name: '值日' }, at })).rejects.toMatchObject({ code });
  });

  test('a reversal is a new entry; the original stays; a second reversal is refused naming who', async () => {
    const p = await setup();
    const entry = await addManualEntry(ctx(), { actor: p['王强'], target: p['张伟'], input: { kind: 'misconduct', name: '私人电话' }, at });
    const { reversal } = await reverseEntry(ctx(), { actor: p['王强'], entryId: entry.id, reason: '误扣', at });
    expect(reversal).toMatchObject({ points: 10, fineFen: -10000, reversesId: entry.id, createdBy: p['王强'].id });
    const s = await monthStatement(ctx(), p['张伟'].id, '2026-12');
    expect(s).toMatchObject({ score: 100, finesFen: 0 });
    expect(s.lines.find((l) => l.id === entry.id)).toMatchObject({ reversedBy: reversal.id });
    await expect(reverseEntry(ctx(), { actor: p['赵敏'], entryId: entry.id, reason: '再撤', at })).rejects.toMatchObject({ code: 'ledger.already-reversed', message: expect.stringContaining('王强') });
    await expect(reverseEntry(ctx(), { actor: p['王强'], entryId: reversal.id, reason: 'x', at })).rejects.toMatchObject({ code: 'ledger.reverse-reversal' });
    await expect(reverseEntry(ctx(), { actor: p['孙丽'], entryId: entry.id, reason: 'x', at })).rejects.toMatchObject({ code: 'ledger.team' });
  });

  test('concurrent reversals of one entry: exactly one wins', async () => {
    const p = await setup();
    const entry = await addManualEntry(ctx(), { actor: p['王强'], target: p['张伟'], input: { kind: 'misconduct', name: '值日' }, at });
    const results = await Promise.allSettled([
      reverseEntry(ctx(), { actor: p['王强'], entryId: entry.id, reason: 'a', at }),
      reverseEntry(ctx(), { actor: p['赵敏'], entryId: entry.id, reason: 'b', at }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'ledger.already-reversed' });
  });
});
