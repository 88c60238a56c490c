import fc from 'fast-check';
import { PointEntry } from '../../../src/db/entities';
import { ChatHarness } from '../../helpers/chat-harness';
import { makeTeam, POLICY } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

/**
 * Issue 13, "Crashes and hangs": no message, whatever its words, takes a turn past its time
 * budget or ends in "处理出错了". Messages are generated from every command's own words (its
 * name and aliases, from the router) followed by the pieces its grammar reads — dates in every
 * form (extreme years included), ranges, halves, counts, amounts, ids, people, leave kinds —
 * and by arbitrary text, sent by every role, in a direct chat or a group.
 */

const YEARS = [0, 1, 999, 1900, 1970, 2025, 2026, 2027, 2028, 2036, 9998, 9999, 10000, 99999, 275760];

const EDGE_DATES = ['9999-12-31', '9999-12-30', '9999-01-01', '0000-01-01', '0001-01-01', '2036-12-14', '2099-12-31', '2024-02-29', '2026-02-30', '12-31', '1-1', '2-29'];

const date = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_DATES) },
  fc.tuple(fc.constantFrom(...YEARS), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.tuple(fc.constantFrom(...YEARS), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${y}年${m}月${d}日`),
  fc.tuple(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([m, d]) => `${m}月${d}日`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom('-', '/', '.')).map(([m, d, s]) => `${m}${s}${d}`),
  fc.integer({ min: 0, max: 40 }).map((d) => `${d}号`),
  fc.constantFrom('今天', '明天', '后天', '大后天', '昨天', '前天', '下周一', '上周五', '下下周日', '本周三', '周五', 'tomorrow', '9999-12-31', '0000-01-01', '2026-02-30'),
);
const half = fc.constantFrom('全天', '上午', '下午', '上半天', 'am', 'pm', '');
const range = fc.tuple(date, half, fc.constantFrom('至', '到', '-', '~', '—'), date, half).map((p) => p.join(' '));
const count = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.constantFrom('1e3', '0x10', '1,200', '12.5', '一百二', '１２０', '９'.repeat(30), '9'.repeat(400), 'NaN', 'Infinity', '-0'),
);
const amount = fc.oneof(count, fc.constantFrom('21474836.48', '92233720368547758.07', '8888.88', '5.2万', '0.001'));
const id = fc.tuple(fc.constantFrom('L', 'P', 'C', 'R', 'B', 'S', 'U', '#', ''), fc.oneof(fc.nat().map(String), fc.constantFrom('1 OR 1=1', '__proto__', '9'.repeat(40), '0', '-1'))).map(([p, n]) => p + n);
const word = fc.constantFrom(
  '事假', '病假', '年假', '值日', '闲聊', '骂客户', '通话', '拨打:', '备注:', '上周', '本周', '上月', '11月', '2026-11', '全公司', '休', '上班', '确认', '清除',
  '已拜访', '档案完整', '已签字', '|', '公司=华为', '电话=13800000000', '等级=A', '\t', '\n', '：', '=', '@', '@张伟', '@不存在', '张伟', 'E001',
);
const junk = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', ' ', '　', '\u0000', '\u202e', '💥'.repeat(50)));
const piece = fc.oneof({ weight: 3, arbitrary: date }, range, half, count, amount, id, { weight: 3, arbitrary: word }, junk);
const separator = fc.constantFrom(' ', '', '，', '\n', '\t', '  ');
const text = fc.oneof(fc.constantFrom('家里有事', '态度问题', '华为技术', ''), junk, fc.integer({ min: 0, max: 300 }).map((n) => '很'.repeat(n)));
const person = fc.constantFrom('@张伟 ', '张伟 ', 'E001 ', '@不存在 ', '');
const dateHalf = fc.tuple(date, half).map(([d, h]) => `${d} ${h}`);
const month = fc.oneof(fc.integer({ min: 0, max: 13 }).map((m) => `${m}月`), fc.constantFrom(...YEARS).map((y) => `${y}-11`), fc.constantFrom('上月', '本月', ''));

/** Each command's own grammar, as docs/commands.md writes it (docs/commands.md), with every piece varied. */
const grammar = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(person, fc.constantFrom('事假', '病假', '年假', ''), dateHalf, fc.option(fc.tuple(fc.constantFrom('至', '到', '-'), dateHalf)), text)
    .map(([who, kind, from, to, why]) => `请假 ${who}${kind} ${from}${to ? ` ${to[0]} ${to[1]}` : ''} ${why}`) },
  fc.tuple(count, text).map(([n, note]) => `日报 通话 ${n} 备注:${note}`),
  fc.tuple(fc.array(fc.tuple(text, text, fc.constantFrom('IT经理 13800000000', '12345', ''), count, text, fc.constantFrom('A', 'B', 'C', '')), { minLength: 1, maxLength: 4 }))
    .map(([rows]) => `客户 ${rows.map((r) => r.join(' | ')).join('\n')}`),
  fc.tuple(fc.constantFrom('扣分', '加分'), person, fc.oneof(count, fc.constantFrom('值日', '闲聊', '不存在的项')), text).map(([v, who, n, why]) => `${v} ${who}${n} ${why}`),
  fc.tuple(fc.constantFrom('撤销', '同意', '驳回', '撤回', '确认'), id, text).map(([v, i, why]) => `${v} ${i} ${why}`),
  fc.tuple(person, amount, text).map(([who, a, c]) => `回款 ${who}${a} ${c}`),
  fc.tuple(fc.constantFrom('团队', '排名', '工资', '积分'), fc.oneof(date, month, fc.constantFrom('上周', '本周', '全公司', '昨天')), person).map((p) => p.join(' ')),
  fc.tuple(fc.oneof(fc.constantFrom(...YEARS).map(String), range), fc.constantFrom('', '休', '上班', '确认', '清除')).map(([d, what]) => `节假日 ${d} ${what}`),
  fc.tuple(fc.constantFrom('周报', '确认', '帮助', '签到', '打卡', '上班打卡', '下班打卡', '审批'), text).map(([v, t]) => `${v} ${t}`),
);

describeEachDb('every command under the turn budget: no input hangs, throws or fails (fuzz)', (db, kind) => {
  jest.setTimeout(kind === 'mysql' ? 240_000 : 180_000);

  test('fast-check over each command word plus its grammar pieces, by every role, direct and group', async () => {
    const { people } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor' },
      { name: '张伟', role: 'agent' },
      { name: '陈静', role: 'salesperson' },
      { name: '赵敏', role: 'admin' },
    ]);
    const chat = new ChatHarness(db());
    await chat.bind(...Object.values(people));
    const words = chat.bot.router.specs.flatMap((s) => [s.name, ...s.aliases]);
    const message = fc.oneof(
      { weight: 2, arbitrary: grammar },
      fc.tuple(fc.constantFrom(...words, ''), fc.array(fc.tuple(separator, piece), { maxLength: 8 })).map(([w, parts]) => w + parts.map(([sep, p]) => sep + p).join('')),
    );
    const who = fc.constantFrom('王强', '张伟', '陈静', '赵敏');
    const budgetMs = POLICY.chat.turnBudgetMs;
    let slowest = 0;
    let at = Date.parse('2026-12-05T01:00:00Z');

    await fc.assert(
      fc.asyncProperty(message, who, fc.boolean(), async (said, name, group) => {
        at += 60_000;
        const started = performance.now();
        const { outcome } = await chat.say(people[name], said, {
          at: new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
          mentions: said.includes('@张伟') ? [people['张伟']] : [],
          group: group ? 'team-room' : undefined,
        });
        const took = performance.now() - started;
        slowest = Math.max(slowest, took);
        expect({ said, status: outcome.status }).toEqual({ said, status: expect.stringMatching(/^(handled|user-error|unknown-user)$/) });
        expect(took).toBeLessThan(budgetMs);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? (kind === 'mysql' ? 150 : 400)), seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), verbose: 1 },
    );
    // The ledger never took an absurd entry from any of it.
    for (const e of await db().getRepository(PointEntry).find()) {
      expect(Math.abs(e.points)).toBeLessThanOrEqual(100);
      expect(Number.isSafeInteger(e.fineFen)).toBe(true);
    }
    console.log(`dispatcher fuzz [${kind}]: slowest turn ${slowest.toFixed(0)} ms (budget ${budgetMs} ms)`);
  });
});
