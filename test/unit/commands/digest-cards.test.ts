/**
 * The day digest's evidence and buttons (issue 16) for each kind of entry, with the times from
 * the policy (H-1 hours, H-11 edges, H-12 grace, H-13 deadline), and the supervisor's summary.
 */
import { correctable, dayDigestCard, daySummaryCard, evidence } from '../../../src/commands/digest-cards';
import type { DigestDay, DigestEntry, PersonDigest, TeamDaySummary } from '../../../src/services/digest';
import { POLICY } from '../../helpers/service-context';
import { callbackValue, renderCard as renderFeishuCard } from '../../../bots/feishu/feishu-card-renderer';
import { buttonCard } from '../../../bots/wecom/template-card-renderer';
import { cardAsText as wechatyText } from '../../../bots/wechaty/wechaty-card-text';

const e = (code: string, over: Partial<DigestEntry> = {}): DigestEntry => ({ id: 12, code, rule: 'H-11', points: -2, fineFen: 1000, reason: null, ...over });
const day = (over: Partial<DigestDay> = {}): DigestDay => ({ ins: [], outs: [], checkin: null, leave: 'none', reportAt: null, ...over });

describe('evidence and 补卡 of each entry', () => {
  test.each([
    ['late', day({ ins: [552] }), '上班打卡 09:12，应在 09:00 前', ['in']],
    ['early', day({ ins: [540], outs: [1055] }), '下班打卡 17:35，应在 18:00 后', ['out']],
    ['missing-in', day({ outs: [1085] }), '没有上班打卡（下班打卡 18:05）', ['in']],
    ['missing-out', day({ ins: [540] }), '没有下班打卡（上班打卡 09:00）', ['out']],
    ['absent-day', day(), '全天没有打卡，也没有批准的请假', ['in', 'out']],
    ['absent-day', day({ ins: [811], outs: [1080] }), '上班打卡 13:31，下班打卡 18:00（13:30 后才上班或 11:30 前就下班算旷工一天）', ['in']],
    ['absent-half', day({ leave: 'am' }), '上午请假，另外半天：上班打卡 未打卡，下班打卡 未打卡', ['in', 'out']],
    ['meeting-late', day({ ins: [540], outs: [1080], checkin: 1026 }), '例会签到 17:06，应在 17:05 前', []],
    ['meeting-absent', day({ ins: [540], outs: [1080] }), '没有例会签到', []],
    ['summary-missing', day(), '本周周报截止 18:00 前没有收到', []],
  ])('%s', (code, d, text, fixes) => {
    expect(evidence(e(code), d, POLICY)).toBe(text);
    expect(correctable(e(code), d, POLICY)).toEqual(fixes);
  });

  test('with approved morning leave lateness counts from 13:00 and 补卡 suggests 13:00 (H-14 edges)', () => {
    const d: PersonDigest = { employeeId: 7, name: '张伟', role: 'agent', date: '2026-12-03', update: false, added: [e('late')], reversed: [], marks: [12], day: day({ ins: [790], outs: [1080], leave: 'am' }) };
    const card = dayDigestCard(d, POLICY, '2026-12-04');
    expect(card.fields).toEqual([{ label: 'P12 迟到（H-11）', value: '上班打卡 13:10，应在 13:00 前；−2 分，罚款 10 元' }]);
    expect(card.buttons?.map((b) => b.command)).toEqual(['申诉 P12 原因', '补卡 12月3日 上班 13:00 原因']);
    expect(card.text).toContain('当天记录：上班 13:10，下班 18:00，例会签到 无，日报 未交，上午请假');
  });
});

describe('the supervisor\'s day summary', () => {
  const empty: TeamDaySummary = {
    teamId: 1, teamName: '一组', date: '2026-12-03', recipients: [3], viaAdmins: false, judged: 5,
    absent: [], late: [], early: [], missingPunch: [], noReport: [], meeting: [], other: [], pending: [],
  };

  test('an empty day is one line, and says what is pending', () => {
    expect(daySummaryCard({ ...empty, pending: [{ prefix: 'L', label: '请假', count: 2 }] }, '2026-12-04')).toEqual({
      title: '一组 12月3日 考勤汇总', tone: 'success', fields: [],
      text: '12月3日全组 5 人考勤正常：没有旷工、迟到、早退、缺卡、未交日报或例会缺席。\n待审批：请假 2 件（发送「审批」查看）',
    });
  });

  test('each kind of incident on its own line, late and early with minutes', () => {
    const card = daySummaryCard({
      ...empty,
      absent: [{ name: '刘洋', code: 'absent-day' }],
      late: [{ name: '张伟', code: 'late', minutes: 12 }, { name: '李娜', code: 'late-half', minutes: 45 }],
      early: [{ name: '王五', code: 'early', minutes: 20 }],
      missingPunch: [{ name: '张伟', code: 'missing-out' }],
      noReport: ['张伟', '刘洋'],
      meeting: [{ name: '王五', code: 'meeting-late' }, { name: '李娜', code: 'meeting-absent' }],
      other: [{ name: '赵六', code: 'summary-missing' }],
    }, '2026-12-04');
    expect(card.fields).toEqual([
      { label: '旷工', value: '刘洋（旷工一天）' },
      { label: '迟到', value: '张伟 12 分钟、李娜 45 分钟（按半天旷工）' },
      { label: '早退', value: '王五 20 分钟' },
      { label: '缺卡', value: '张伟（缺下班打卡）' },
      { label: '未交日报', value: '张伟、刘洋' },
      { label: '例会', value: '王五 迟到、李娜 缺席' },
      { label: '其他', value: '赵六（周报未交）' },
    ]);
    expect(card.text).toBe('待审批：无');
  });
});

describe('the digest card on every platform (issue 16: one card, rendered by the existing renderers)', () => {
  // Four entries: 申诉 on each and both 补卡 — more buttons than a WeCom template card holds.
  const d: PersonDigest = {
    employeeId: 7, name: '张伟', role: 'agent', date: '2026-12-03', update: false, marks: [11, 12, 13, 14],
    added: [e('late', { id: 11 }), e('missing-out', { id: 12 }), e('meeting-absent', { id: 13, rule: 'H-12', fineFen: 0 }), e('summary-missing', { id: 14, rule: 'H-13', points: -5, fineFen: 0 })],
    reversed: [], day: day({ ins: [552] }),
  };
  const card = dayDigestCard(d, POLICY, '2026-12-04');
  const commands = ['申诉 P11 原因', '申诉 P12 原因', '申诉 P13 原因', '申诉 P14 原因', '补卡 12月3日 上班 09:00 原因', '补卡 12月3日 下班 18:00 原因'];

  test('the buttons and their text commands', () => {
    expect(card.buttons?.map((b) => b.command)).toEqual(commands);
    expect(card.text).toContain('合计 −11 分，罚款 20 元');
  });

  test('Feishu: every button carries its action and value', () => {
    const json = JSON.stringify(renderFeishuCard(card));
    for (const id of ['11', '12', '13', '14']) expect(json).toContain(JSON.stringify(callbackValue({ label: '', actionId: 'appeal.open', value: { id }, command: '' })).slice(1, -1));
    expect(json).toContain('correction.open');
  });

  test('WeCom: at most six buttons, and every command in the text', () => {
    const fitted = buttonCard(card, 'task-1');
    expect((fitted.card.button_list as unknown[]).length).toBe(6);
    const all = `${JSON.stringify(fitted.card)}${fitted.overflow ?? ''}`;
    for (const c of commands) expect(all).toContain(c);
  });

  test('WeChat (wechaty) and plain text: the commands to reply with', () => {
    const text = wechatyText(card);
    for (const c of commands) expect(text).toContain(c);
    expect(text).toContain('P11 迟到（H-11）：上班打卡 09:12，应在 09:00 前；−2 分，罚款 10 元');
  });
});
