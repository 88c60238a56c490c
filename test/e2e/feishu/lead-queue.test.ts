import { CustomerRecord } from '../../../src/db/entities';
import { startFeishuE2e, type FeishuE2e } from '../../fakes/feishu-server/feishu-e2e-kit';
import type { FeishuUser } from '../../fakes/feishu-server/feishu-push-builder';
import { makeTeam, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

/** The 确认 form of a lead card as the fake received it: its select names and the submit's callback value. */
function qualifyForm(card: any): { selects: string[]; value: Record<string, string> } {
  const form = card.body.elements.find((e: any) => e.tag === 'form');
  const submit = form.elements.find((e: any) => e.form_action_type === 'submit');
  return { selects: form.elements.filter((e: any) => e.tag === 'select_static').map((e: any) => e.name), value: submit.behaviors[0].value };
}

/** The salesperson's lead queue on Feishu (COMMANDS.md 待确认 / 确认, H-4, H-20), through signed webhooks and the fake Open API. */
for (const kind of dbKinds()) {
  describe(`feishu: the lead card and its 确认 form end to end [${kind}]`, () => {
    let e2e: FeishuE2e;
    beforeAll(async () => {
      e2e = await startFeishuE2e(kind);
    });
    afterAll(() => e2e.close());

    const say = async (who: FeishuUser, text: string, at: string) => {
      e2e.clock.set(sh(at));
      const res = await e2e.post(e2e.pushes.text(who, text, { at: sh(at) }));
      expect(res.status).toBe(200);
    };
    const inbox = (id: string, n: number) => e2e.fake.waitFor(() => e2e.fake.messagesTo(id).length >= n && e2e.fake.messagesTo(id), 5000, `${n} messages to ${id}`);

    test('an A lead reaches the salesperson as a card with the phone; the form with two checks is refused, with three it qualifies and the agent is told', async () => {
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '刘洋', role: 'salesperson' }]);
      const agent = await e2e.bind(people['张伟']);
      const sales = await e2e.bind(people['刘洋']);
      await say(agent, '客户 华为技术 | 张 | IT经理 13911112222 | 200 | 已上ERP | A', '2026-12-03 10:00:00');
      const [card] = await inbox(sales.openId, 1);
      expect(card.msgType).toBe('interactive');
      expect(JSON.stringify(card.content)).toContain('13911112222');
      const [agentReply] = await inbox(agent.openId, 1);
      expect(JSON.stringify(agentReply.content)).not.toContain('13911112222');
      const { selects, value } = qualifyForm(card.content);
      expect(selects).toEqual(['visited', 'fileComplete', 'signed']);
      expect(Object.keys(value).sort()).toEqual(['action', 'id']);

      e2e.clock.set(sh('2026-12-04 15:00:00'));
      const half = await e2e.post(e2e.pushes.cardAction(sales, value, { at: sh('2026-12-04 15:00:00'), messageId: card.messageId, formValue: { visited: '是', fileComplete: '是', signed: '否' } }));
      expect(half.status).toBe(200);
      expect(half.json().toast).toEqual({ type: 'warning', content: expect.stringMatching(/^C\d+ 还不能确认：没有写明「已签字」。/) });
      expect(await e2e.ds.getRepository(CustomerRecord).findOneByOrFail({ id: Number(value.id) })).toMatchObject({ qualifiedAt: null });

      e2e.clock.set(sh('2026-12-04 15:05:00'));
      const click = await e2e.click(e2e.pushes.cardAction(sales, value, { at: sh('2026-12-04 15:05:00'), messageId: card.messageId, formValue: { visited: '是', fileComplete: '是', signed: '是' } }), card.messageId);
      expect(click.json().toast).toEqual({ type: 'success', content: `已确认 C${value.id}` });
      expect(JSON.stringify(click.json().card.data)).toContain(`已确认客户 C${value.id}`);
      const told = await inbox(agent.openId, 2);
      expect(told[1].content.text).toBe(`你 12月3日 的客户 C${value.id} 华为技术（A 类）已由刘洋确认，计入 2026年12月工资 +100.00 元（H-4）。`);
      expect(await e2e.ds.getRepository(CustomerRecord).findOneByOrFail({ id: Number(value.id) })).toMatchObject({ qualifiedBy: people['刘洋'].id, visitedBy: people['刘洋'].id });
    });
  });
}
