import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { In } from 'typeorm';
import { readFeishuDirectory } from '../../../bots/feishu/feishu-directory';
import { readWecomDirectory } from '../../../bots/wecom/wecom-directory';
import { runCli } from '../../../src/cli';
import { runOrgSync } from '../../../src/cli-org';
import { createLogger } from '../../../src/core/logger';
import { AuditEntry, Employee, PlatformIdentity } from '../../../src/db/entities';
import { FakeFeishuServer } from '../../fakes/feishu-server/fake-feishu-server';
import { TEST_APP } from '../../fakes/feishu-server/feishu-e2e-kit';
import { SAMPLE_APP, SAMPLE_SECRETS, startFakeWecom, wecomEnv, type FakeWecomServer } from '../../fakes/wecom-server';
import { makeTeam } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

/** `bot org sync feishu|wecom [--dry-run]` (DESIGN second-wave contracts, CLI): by number, then mobile; never moved silently. */
const logger = createLogger({ level: 'silent' });
const NOW = new Date('2026-12-03T02:00:00Z');
let seq = 0;

describeEachDb('org sync', (db) => {
  let feishu: FakeFeishuServer;
  let wecom: FakeWecomServer;
  beforeAll(async () => {
    feishu = await FakeFeishuServer.start(TEST_APP);
    wecom = await startFakeWecom([]);
  });
  afterAll(async () => {
    await feishu.close();
    await wecom.close();
  });

  /** Six employees with unique numbers and mobiles per test: 李娜 and 刘洋 share a mobile; 陈静 is bound on `platform` already. */
  const setup = async (platform: 'feishu' | 'wecom') => {
    const t = `S${++seq}`;
    const mobile = (n: number) => `139${String(seq).padStart(4, '0')}${String(n).padStart(4, '0')}`;
    const { people: p } = await makeTeam(db(), [
      { name: '王强', role: 'supervisor', no: `${t}-E1` },
      { name: '张伟', role: 'agent', no: `${t}-E2` },
      { name: '李娜', role: 'agent', no: `${t}-E3` },
      { name: '刘洋', role: 'agent', no: `${t}-E4` },
      { name: '陈静', role: 'salesperson', no: `${t}-E5` },
      { name: '周杰', role: 'agent', no: `${t}-E6` },
    ]);
    const repo = db().getRepository(Employee);
    await repo.update({ id: p['张伟'].id }, { mobile: mobile(2) });
    await repo.update({ id: In([p['李娜'].id, p['刘洋'].id]) }, { mobile: mobile(3) });
    await db().getRepository(PlatformIdentity).save({ platform, externalId: `${t}-old`, employeeId: p['陈静'].id, createdAt: NOW, updatedAt: NOW });
    await db().getRepository(PlatformIdentity).save({ platform, externalId: `${t}-taken`, employeeId: p['周杰'].id, createdAt: NOW, updatedAt: NOW });
    const accounts = async () => (await db().getRepository(PlatformIdentity).findBy({ employeeId: In(Object.values(p).map((e) => e.id)), platform })).map((i) => [i.employeeId, i.externalId] as const);
    return { t, p, mobile, accounts };
  };

  const run = async (platform: 'feishu' | 'wecom', dryRun: boolean) => {
    const out: string[] = [];
    const err: string[] = [];
    const read = () => (platform === 'feishu' ? readFeishuDirectory({ ...TEST_APP, domain: feishu.url }, logger) : readWecomDirectory({ corpId: SAMPLE_SECRETS.corpId, secret: SAMPLE_APP.secret, agentId: SAMPLE_APP.agentId, token: SAMPLE_SECRETS.token, encodingAesKey: SAMPLE_SECRETS.encodingAesKey, apiBase: wecom.url }, logger));
    const code = await runOrgSync(db(), platform, read, { dryRun, now: NOW, today: '2026-12-03' }, { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('Feishu, two pages: by employee_no, by mobile (+86 form); ambiguous mobile, unknown and bound elsewhere reported, not bound; dry run first changes nothing', async () => {
    const { t, p, mobile, accounts } = await setup('feishu');
    feishu.state.directory.splice(0);
    // 55 strangers first, so the matches sit on the second page (page_size 50).
    for (let i = 0; i < 55; i++) feishu.state.directory.push({ open_id: `ou_${t}_x${i}`, name: `访客${i}`, employee_no: `${t}-X${i}` });
    feishu.state.directory.push(
      { open_id: `ou_${t}_1`, name: '王强', employee_no: `${t}-E1`, mobile: '+8613000000000' },
      { open_id: `ou_${t}_2`, name: '张伟', mobile: `+86${mobile(2)}` },
      { open_id: `ou_${t}_3`, name: '李娜', mobile: `+86 ${mobile(3)}` },
      { open_id: `ou_${t}_5`, name: '陈静', employee_no: `${t}-E5` },
      { open_id: `${t}-taken`, name: '周杰的号', employee_no: `${t}-E1X`, mobile: `+86${mobile(9)}` },
      { open_id: `ou_${t}_7`, name: '外包', employee_no: `${t}-E99` },
    );
    const before = await accounts();
    const dry = await run('feishu', true);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('飞书通讯录试运行（--dry-run，未做任何修改）');
    expect(dry.out).toContain(`将绑定（2）：\n  王强（ou_${t}_1）→ 王强（${t}-E1，按工号）\n  张伟（ou_${t}_2）→ 张伟（${t}-E2，按手机号）`);
    expect(await accounts()).toEqual(before);
    const calls = feishu.state.calls.filter((c) => c.route === 'users');
    expect(calls.slice(-2).map((c) => [c.query.page_size, c.query.page_token ?? ''])).toEqual([['50', ''], ['50', 'pt_50']]);

    const real = await run('feishu', false);
    expect(real.out).toContain('飞书通讯录同步完成');
    expect(real.out).toContain(`已绑定（2）：`);
    expect(real.out).toContain(`已绑定到别处（未改动，请人工核对）（1）：\n  陈静（ou_${t}_5）→ 陈静（${t}-E5，按工号）：陈静已绑定另一个账号 ${t}-old`);
    expect(real.out).toContain(`手机号不唯一（未绑定）（1）：\n  李娜（ou_${t}_3）：手机号 ${mobile(3)} 对应多名员工：李娜（${t}-E3）、刘洋（${t}-E4）`);
    expect(real.out).toContain(`外包（ou_${t}_7，工号 ${t}-E99）`);
    expect(real.out).toContain(`周杰的号（${t}-taken，工号 ${t}-E1X）`);
    expect(new Map(await accounts())).toEqual(new Map([
      [p['王强'].id, `ou_${t}_1`], [p['张伟'].id, `ou_${t}_2`], [p['陈静'].id, `${t}-old`], [p['周杰'].id, `${t}-taken`],
    ]));
    expect(await db().getRepository(AuditEntry).countBy({ action: 'org.sync' })).toBeGreaterThan(0);
    // Again: nothing new; the two now bound are unchanged.
    expect((await run('feishu', false)).out).toMatch(/已绑定：无[\s\S]*已绑定（无变化）（2）/);
  });

  test('WeCom: userid equal to the number, then mobile; an account bound to another employee is reported and never moved', async () => {
    const { t, p, mobile, accounts } = await setup('wecom');
    wecom.directory.splice(0);
    wecom.directory.push(
      { userid: `${t}-E1`, name: '王强', department: [1] },
      { userid: `zhangwei${t}`, name: '张伟', mobile: mobile(2), department: [2] },
      { userid: `${t}-taken`, name: '刘洋', mobile: mobile(3), department: [2] },
      { userid: `${t}-E6`, name: '周杰新号', department: [3] },
    );
    const r = await run('wecom', false);
    expect(r.out).toContain(`已绑定（2）：\n  王强（${t}-E1）→ 王强（${t}-E1，按工号）\n  张伟（zhangwei${t}）→ 张伟（${t}-E2，按手机号）`);
    expect(r.out).toContain(`周杰新号（${t}-E6）→ 周杰（${t}-E6，按工号）：周杰已绑定另一个账号 ${t}-taken`);
    expect(r.out).toContain(`刘洋（${t}-taken）：手机号 ${mobile(3)} 对应多名员工`);
    expect(new Map(await accounts()).get(p['周杰'].id)).toBe(`${t}-taken`);
    expect(wecom.records.filter((c) => c.api === 'user/list').at(-1)?.query).toMatchObject({ department_id: '1', fetch_child: '1' });
  });

  test('an account bound to another employee is reported with its holder', async () => {
    const { t, p } = await setup('feishu');
    feishu.state.directory.splice(0);
    feishu.state.directory.push({ open_id: `${t}-taken`, name: '王强', employee_no: `${t}-E1` });
    const r = await run('feishu', false);
    expect(r.out).toContain(`王强（${t}-taken）→ 王强（${t}-E1，按工号）：该账号已绑定 周杰（${t}-E6）`);
    expect(await db().getRepository(PlatformIdentity).countBy({ employeeId: p['王强'].id })).toBe(0);
  });
});

describe('bot org sync (CLI)', () => {
  test('a platform other than feishu or wecom is a usage error (exit 2); an unconfigured platform exits 1 and says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'org-sync-'));
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => err.push(s), env: { LOG_LEVEL: 'silent', POLICY_FILE: path.join(__dirname, '../../../config/policy.yaml'), DATABASE_URL: `sqlite:${path.join(dir, 'bot.sqlite')}` } };
    try {
      expect(await runCli(['org', 'sync', 'slack'], io)).toBe(2);
      expect(await runCli(['migrate'], io)).toBe(0);
      expect(await runCli(['org', 'sync', 'feishu', '--dry-run'], io)).toBe(1);
      expect(err.join('\n')).toContain('未配置飞书');
      const fake = await startFakeWecom([]);
      try {
        const out: string[] = [];
        expect(await runCli(['org', 'sync', 'wecom', '--dry-run'], { ...io, out: (s: string) => out.push(s), env: { ...io.env, ...wecomEnv(fake) } })).toBe(0);
        expect(out.join('\n')).toContain('企业微信通讯录试运行（--dry-run，未做任何修改）');
      } finally {
        await fake.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
