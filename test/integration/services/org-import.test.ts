import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditEntry, Employee, PlatformIdentity, Team } from '../../../src/db/entities';
import { importOrg, OrgFileError, parseOrgFile, readOrgFile, type OrgFile, type OrgImportSummary } from '../../../src/services/org';
import { describeEachDb } from '../../helpers/test-db';

const fixture = (name: string) => path.join(__dirname, '../../fixtures/org', name);
const NOW = new Date('2026-03-02T01:00:00.123Z');
const LATER = new Date('2026-03-09T02:30:00.456Z');
const zero: OrgImportSummary = { teamsCreated: 0, teamsUpdated: 0, employeesCreated: 0, employeesUpdated: 0, identitiesBound: 0 };

/** Every row of the org tables, in id order. */
async function snapshot(ds: DataSource) {
  const order = { order: { id: 'ASC' as const } };
  return {
    teams: await ds.getRepository(Team).find(order),
    employees: await ds.getRepository(Employee).find(order),
    identities: await ds.getRepository(PlatformIdentity).find(order),
  };
}

/** `good.yaml` with some text replaced, parsed. */
function goodYamlWith(...replacements: [string, string][]): OrgFile {
  let text = readFileSync(fixture('good.yaml'), 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`good.yaml has no ${from}`);
    text = text.replace(from, to);
  }
  return parseOrgFile(text, 'good.yaml');
}

/** The OrgFileError `work` rejects with. */
async function orgError(work: Promise<unknown>): Promise<OrgFileError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(OrgFileError);
  return error as OrgFileError;
}

describeEachDb('org import', (db) => {
  const run = (file: OrgFile, now = NOW) => importOrg(db(), file, { now, actor: 'test' });

  beforeEach(async () => {
    for (const entity of [PlatformIdentity, Employee, Team, AuditEntry]) await db().createQueryBuilder().delete().from(entity).execute();
  });

  it.each(['good.yaml', 'good.csv'])('imports %s; a second import changes nothing', async (name) => {
    const file = await readOrgFile(fixture(name));
    expect(await run(file)).toEqual({ teamsCreated: 1, teamsUpdated: 0, employeesCreated: 6, employeesUpdated: 0, identitiesBound: 8 });
    const first = await snapshot(db());
    expect(await run(file, LATER)).toEqual(zero);
    expect(await snapshot(db())).toEqual(first);

    const [team] = first.teams;
    const byNo = new Map(first.employees.map((e) => [e.no, e]));
    expect(team).toMatchObject({ name: '一组', supervisorId: byNo.get('E001')!.id, createdAt: NOW, updatedAt: NOW });
    expect(team.chats).toEqual(name === 'good.yaml' ? { feishu: 'oc_team1chat' } : null);
    expect(first.employees.map((e) => [e.no, e.name, e.role, e.teamId, e.baseSalaryFen, e.startDate, e.endDate])).toEqual([
      ['E001', '王强', 'supervisor', team.id, 150000, null, null],
      ['E002', '张伟', 'agent', team.id, null, '2026-03-01', null],
      ['E003', '李娜', 'agent', team.id, 100010, null, null],
      ['E004', '刘洋', 'agent', team.id, null, null, null],
      ['E005', '陈静', 'salesperson', team.id, null, null, null],
      ['E900', '赵敏', 'admin', null, null, null, null],
    ]);
    expect(first.employees.every((e) => e.createdAt.getTime() === NOW.getTime() && e.updatedAt.getTime() === NOW.getTime())).toBe(true);
    const bound = first.identities.map((i) => [i.platform, i.externalId, first.employees.find((e) => e.id === i.employeeId)!.no]);
    expect(bound).toEqual(expect.arrayContaining([['feishu', 'ou_wangqiang', 'E001'], ['wecom', '10086', 'E002'], ['wechaty', 'wxid_liuyang', 'E004']]));
  });

  it('imports the CSV after the YAML of the same organisation without a change, keeping the chats', async () => {
    await run(await readOrgFile(fixture('good.yaml')));
    const before = await snapshot(db());
    expect(await run(await readOrgFile(fixture('good.csv')), LATER)).toEqual(zero);
    expect(await snapshot(db())).toEqual(before);
  });

  it.each(['one-bad-row.csv', 'one-bad-row.yaml'])('imports nothing from %s', async (name) => {
    await run(goodYamlWith(['name: 李娜', 'name: 李娜娜']));
    const before = await snapshot(db());
    const error = await orgError(readOrgFile(fixture(name)).then((file) => run(file, LATER)));
    expect(error.issues).toHaveLength(1);
    expect(await snapshot(db())).toEqual(before);
  });

  it('rolls back every row when the database refuses one part of the import', async () => {
    const file = await readOrgFile(fixture('good.yaml'));
    file.employees[1].feishu = file.employees[0].feishu;
    await expect(run(file)).rejects.toThrow();
    expect(await snapshot(db())).toEqual({ teams: [], employees: [], identities: [] });
    expect(await db().getRepository(AuditEntry).count()).toBe(0);
  });

  it('updates changed names, teams and bases in place', async () => {
    await run(await readOrgFile(fixture('good.yaml')));
    const before = await snapshot(db());
    const changed = goodYamlWith(
      ['      feishu: oc_team1chat', '      feishu: oc_team1chat\n  - name: 二组\n    supervisor: E001'],
      ['name: 李娜', 'name: 李娜娜'],
      ['    base_salary: 1000.10', '    base_salary: 1200'],
      ['    team: 一组\n    wechaty: wxid_liuyang', '    team: 二组\n    wechaty: wxid_liuyang'],
      ['    end_date:', '    end_date: 2026-06-30'],
    );
    expect(await run(changed, LATER)).toEqual({ ...zero, teamsCreated: 1, employeesUpdated: 3 });
    const after = await snapshot(db());
    const two = after.teams.find((t) => t.name === '二组')!;
    const byNo = new Map(after.employees.map((e) => [e.no, e]));
    expect(after.employees.map((e) => e.id)).toEqual(before.employees.map((e) => e.id));
    expect(byNo.get('E003')).toMatchObject({ name: '李娜娜', baseSalaryFen: 120000, createdAt: NOW, updatedAt: LATER });
    expect(byNo.get('E004')).toMatchObject({ teamId: two.id, updatedAt: LATER });
    expect(byNo.get('E900')).toMatchObject({ endDate: '2026-06-30', updatedAt: LATER });
    expect(byNo.get('E001')).toEqual(before.employees[0]);
    expect(after.teams[0]).toEqual(before.teams[0]);
    expect(two).toMatchObject({ supervisorId: byNo.get('E001')!.id, createdAt: LATER });
    expect(after.identities).toEqual(before.identities);
  });

  it('keeps a team supervisor the file does not name, unless the file makes them an agent', async () => {
    await run(await readOrgFile(fixture('good.csv')));
    const csv = (rows: string[]) => parseOrgFile(['no,name,role,team,base_salary,feishu,wecom,wechaty,start_date,end_date', ...rows].join('\n'), 'x.csv');
    expect(await run(csv(['E006,周杰,agent,一组,,,,,,']), LATER)).toEqual({ ...zero, employeesCreated: 1 });
    const [team] = (await snapshot(db())).teams;
    expect(team.supervisorId).not.toBeNull();
    expect(await run(csv(['E001,王强,agent,一组,1500,,,,,']), LATER)).toEqual({ ...zero, teamsUpdated: 1, employeesUpdated: 1 });
    expect((await snapshot(db())).teams[0]).toMatchObject({ supervisorId: null, updatedAt: LATER });
  });

  it('refuses an id bound to another employee in the database, naming the line, and changes nothing', async () => {
    await run(parseOrgFile('employees:\n  - { no: E007, name: 孙丽, role: admin, feishu: ou_zhangwei }\n', 'e007.yaml'));
    const before = await snapshot(db());
    const error = await orgError(run(await readOrgFile(fixture('good.csv')), LATER));
    expect(error.issues).toEqual([{ line: 3, field: 'feishu', message: expect.stringContaining('ou_zhangwei 已绑定到员工 E007') }]);
    expect(error.message).toContain('第 3 行 feishu：');
    expect(await snapshot(db())).toEqual(before);
    expect(await db().getRepository(AuditEntry).count()).toBe(1);
  });

  it('keeps a binding when the column is empty, and replaces it when another id is given', async () => {
    await run(await readOrgFile(fixture('good.yaml')));
    const before = await snapshot(db());
    expect(await run(goodYamlWith(['    feishu: ou_zhangwei\n', '']), LATER)).toEqual(zero);
    expect(await snapshot(db())).toEqual(before);

    expect(await run(goodYamlWith(['feishu: ou_zhangwei', 'feishu: ou_zhangwei2']), LATER)).toEqual({ ...zero, identitiesBound: 1 });
    const after = await snapshot(db());
    const e002 = after.employees.find((e) => e.no === 'E002')!;
    const feishu = after.identities.filter((i) => i.employeeId === e002.id && i.platform === 'feishu');
    expect(feishu).toMatchObject([{ externalId: 'ou_zhangwei2', createdAt: LATER }]);
    expect(after.identities.some((i) => i.externalId === 'ou_zhangwei')).toBe(false);
    expect(after.identities).toHaveLength(before.identities.length);
  });

  it('lets two employees of the file swap their ids', async () => {
    await run(await readOrgFile(fixture('good.yaml')));
    const swapped = goodYamlWith(['feishu: ou_zhangwei', 'feishu: ou_TMP'], ['feishu: ou_lina', 'feishu: ou_zhangwei'], ['feishu: ou_TMP', 'feishu: ou_lina']);
    expect(await run(swapped, LATER)).toEqual({ ...zero, identitiesBound: 2 });
    const { employees, identities } = await snapshot(db());
    const feishuOf = (no: string) => identities.find((i) => i.platform === 'feishu' && i.employeeId === employees.find((e) => e.no === no)!.id)?.externalId;
    expect([feishuOf('E002'), feishuOf('E003')]).toEqual(['ou_lina', 'ou_zhangwei']);
  });

  it('writes one audit row per import with the summary', async () => {
    const file = await readOrgFile(fixture('good.yaml'));
    const first = await run(file);
    await run(file, LATER);
    const rows = await db().getRepository(AuditEntry).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.action, r.actor, r.actorId, r.details, r.at])).toEqual([
      ['org.import', 'test', null, first, NOW],
      ['org.import', 'test', null, zero, LATER],
    ]);
  });

  it('round-trips Chinese text, four-byte characters included', async () => {
    const file = parseOrgFile('teams:\n  - name: 华东销售一组\n    supervisor: E1\nemployees:\n  - { no: E1, name: 𠮷田·欧阳娜娜, role: supervisor, team: 华东销售一组 }\n', 'zh.yaml');
    await run(file);
    const { teams, employees } = await snapshot(db());
    expect(teams.map((t) => t.name)).toEqual(['华东销售一组']);
    expect(employees.map((e) => e.name)).toEqual(['𠮷田·欧阳娜娜']);
  });
});
