import { ChatHarness, texts } from '../helpers/chat-harness';
import { makeTeam } from '../helpers/service-context';
import { describeEachDb } from '../helpers/test-db';

/** The commands of docs/commands.md each role may use, read off its "who" column by hand (补卡 all but admins, 申诉 anyone an entry is about, 代理 supervisors). */
const EXPECTED: Record<string, string[]> = {
  agent: ['帮助', '打卡', '上班打卡', '下班打卡', '签到', '日报', '周报', '客户', '请假', '撤回', '积分', '工资', '排名', '节假日', '补卡', '申诉'],
  salesperson: ['帮助', '打卡', '上班打卡', '下班打卡', '签到', '周报', '待确认', '确认', '请假', '撤回', '积分', '工资', '排名', '节假日', '补卡', '申诉'],
  supervisor: ['帮助', '打卡', '上班打卡', '下班打卡', '签到', '周报', '待确认', '确认', '请假', '审批', '同意', '驳回', '撤回', '积分', '扣分', '加分', '撤销', '工资', '回款', '排名', '团队', '节假日', '补卡', '申诉', '代理', '后台'],
  admin: ['帮助', '周报', '确认', '请假', '审批', '同意', '驳回', '撤回', '积分', '扣分', '加分', '撤销', '工资', '回款', '导出', '结算', '排名', '团队', '节假日', '申诉', '后台'],
};

describeEachDb('chat: 帮助 lists exactly what the role may do', (db) => {
  test.each(Object.entries(EXPECTED))('%s', async (role, expected) => {
    const { people } = await makeTeam(db(), [{ name: '某人', role: role as 'agent' }]);
    const chat = new ChatHarness(db());
    await chat.bind(people['某人']);
    const [help] = texts((await chat.say(people['某人'], '帮助')).replies);
    const listed = help.split('\n').filter((l) => l.startsWith('• ')).map((l) => l.slice(2).split('（')[0]);
    expect(listed.sort()).toEqual([...expected].sort());
    for (const line of help.split('\n').filter((l) => l.startsWith('• '))) expect(line).toMatch(/：\S+/);
  });
});
