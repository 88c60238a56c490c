import { renderCard as feishuCard } from '../../../bots/feishu/feishu-card-renderer';
import { renderCard as webCard } from '../../../bots/web/web-render';
import { buttonCard, replacementCard } from '../../../bots/wecom/template-card-renderer';
import { cardAsText } from '../../../bots/wechaty/wechaty-card-text';
import { leadCard } from '../../../src/commands/lead-cards';
import type { LeadView } from '../../../src/services/reports';
import { checkCard } from '../../fakes/feishu-server/fake-feishu-cards';
import { checkTemplateCard } from '../../fakes/wecom-server/fake-wecom-cards';

/** A lead as a salesperson of the team sees it: the phone in full (H-20). */
const lead = (extra: Partial<LeadView> = {}): LeadView => ({
  id: 310, workDate: '2026-12-03', company: '华为技术', contact: '张', titlePhone: 'IT经理 13800000000', phone: '13800000000',
  headcount: '200', itStatus: '已上ERP', grade: 'A', complete: true, qualifiedAt: null, qualifiedBy: null, visitedBy: null, masked: false,
  agent: { id: 2, no: 'E002', name: '张伟', role: 'agent', teamId: 1 } as LeadView['agent'],
  ...extra,
});
const context = { today: '2026-12-04', timeZone: 'Asia/Shanghai' };
const people = [{ id: 7, no: 'E007', name: '刘洋', role: 'salesperson' as const, teamId: 1 }, { id: 8, no: 'E008', name: '陈静', role: 'salesperson' as const, teamId: 1 }];
const settled = () => leadCard(lead({ qualifiedAt: new Date('2026-12-04T07:05:00Z'), phone: '138****0000', titlePhone: 'IT经理 138****0000', masked: true }), { ...context, qualifiedBy: people[0], visitedBy: people[0] });

/** Every element of a Feishu card body, forms opened. */
const elementsOf = (json: any): any[] => json.body.elements.flatMap((e: any) => (e.tag === 'form' ? [e, ...e.elements] : [e]));

describe('the lead card (COMMANDS.md 待确认 / 确认; H-4) on each platform', () => {
  test('Feishu (card 2.0): the details, and a form of three 是/否 selects whose submit carries the lead; the strict fake takes it', () => {
    const json = feishuCard(leadCard(lead(), context)) as any;
    expect(checkCard(json)).toBeUndefined();
    expect(json.header.title.content).toBe('待拜访客户 C310');
    expect(elementsOf(json)[0].text.content).toContain('电话：13800000000');
    const form = json.body.elements.find((e: any) => e.tag === 'form');
    const selects = form.elements.filter((e: any) => e.tag === 'select_static');
    expect(selects.map((s: any) => [s.name, s.initial_option, s.options.map((o: any) => o.value)])).toEqual([
      ['visited', '否', ['是', '否']], ['fileComplete', '否', ['是', '否']], ['signed', '否', ['是', '否']],
    ]);
    const submit = form.elements.find((e: any) => e.form_action_type === 'submit');
    expect(submit.behaviors[0].value).toEqual({ id: '310', action: 'lead.qualify' });
  });

  test('Feishu: a supervisor’s form asks first which salesperson visited', () => {
    const json = feishuCard(leadCard(lead(), { ...context, visitors: people })) as any;
    expect(checkCard(json)).toBeUndefined();
    const form = json.body.elements.find((e: any) => e.tag === 'form');
    expect(form.elements.filter((e: any) => e.tag === 'select_static').map((s: any) => s.name)).toEqual(['visitor', 'visited', 'fileComplete', 'signed']);
    expect(form.elements.find((e: any) => e.name === 'visitor').options.map((o: any) => [o.value, o.text.content])).toEqual([['7', '刘洋'], ['8', '陈静']]);
  });

  test('WeCom: a button_interaction card with the 确认 button and the text to send (its cards take no inputs); the settled card is grey', () => {
    const { card, overflow } = buttonCard(leadCard(lead(), context), 'task-1') as { card: any; overflow?: string };
    expect(checkTemplateCard(card, 'send')).toBeUndefined();
    expect(card.button_list).toEqual([{ text: '确认', style: 1, key: 'lead.qualify?id=310' }]);
    expect(card.sub_title_text).toContain('「确认 C310 已拜访 档案完整 已签字」');
    expect([...card.horizontal_content_list.map((f: any) => `${f.keyname}：${f.value}`), card.sub_title_text, overflow ?? ''].join('\n')).toContain('电话：13800000000');
    const done = replacementCard(settled()) as { card: any };
    expect(checkTemplateCard(done.card, 'update')).toBeUndefined();
    expect(done.card.replace_text).toBe('已处理');
    expect(JSON.stringify(done.card)).not.toContain('13800000000');
  });

  test('wechaty: plain text with every detail and the exact command, the three checks explained', () => {
    expect(cardAsText(leadCard(lead(), context)).split('\n')).toEqual([
      '【待拜访客户 C310】',
      '客户名称：华为技术',
      '联系人：张',
      '部门职务电话：IT经理 13800000000',
      '电话：13800000000',
      '人数：200',
      '信息化现状：已上ERP',
      '等级：A 类',
      '销售员：张伟（E002）',
      '记录日期：12月3日',
      '业务员拜访、客户档案填写完好并签字后确认，确认后计入销售员工资（H-4）。',
      '回复文字即可操作：',
      '· 确认：发送「确认 C310 已拜访 档案完整 已签字」，要写：已拜访（必填，可选 是/否）；档案完整（必填，可选 是/否）；已签字（必填，可选 是/否）',
    ]);
    expect(cardAsText(settled(), { updated: true })).toBe('【已确认客户 C310】（已更新）\n已由刘洋于 12月4日 15:05 确认（H-4）');
  });

  test('web chat: the three selects inside the 确认 button’s inputs', () => {
    const html = webCard(leadCard(lead(), context));
    for (const name of ['visited', 'fileComplete', 'signed']) expect(html).toMatch(new RegExp(`<select[^>]*name="${name}"`));
    expect(html).toContain('确认 C310 已拜访 档案完整 已签字');
  });
});
