import type { DataSource } from 'typeorm';
import type { DirectoryUser } from './core/directory';
import { importOrg, OrgFileError, readOrgFile, syncDirectory, type SyncMatch, type SyncReport } from './services/org';

/** Where `org import` writes: its summary to `out`, what went wrong to `err`. */
interface OrgIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `bot org import FILE`: all or nothing; a bad row names its line and field. Exit code 0 or 1. */
export async function runOrgImport(ds: DataSource, file: string, io: OrgIo, now = new Date()): Promise<number> {
  try {
    const org = await readOrgFile(file);
    const s = await importOrg(ds, org, { now, actor: 'cli' });
    io.out(
      `Imported ${file}: teams ${s.teamsCreated} created, ${s.teamsUpdated} updated; employees ${s.employeesCreated} created, ${s.employeesUpdated} updated; ${s.identitiesBound} accounts bound.`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof OrgFileError)) throw e;
    io.err(`bot: the org file was refused and nothing was imported; fix it and import again:\n${e.message}`);
    return 1;
  }
}

const PLATFORM_NAME: Record<string, string> = { feishu: '飞书', wecom: '企业微信' };

/** The report of a sync, one line per account, grouped. */
export function syncReportText(r: SyncReport): string {
  const who = (m: SyncMatch) => `${m.user.name}（${m.user.externalId}）→ ${m.employee.name}（${m.employee.no}，按${m.by === 'no' ? '工号' : '手机号'}）`;
  const section = (title: string, lines: string[]) => (lines.length ? [`${title}（${lines.length}）：`, ...lines.map((l) => `  ${l}`)] : [`${title}：无`]);
  const head = r.dryRun ? `${PLATFORM_NAME[r.platform]}通讯录试运行（--dry-run，未做任何修改）：` : `${PLATFORM_NAME[r.platform]}通讯录同步完成：`;
  return [
    head,
    ...section(r.dryRun ? '将绑定' : '已绑定', r.bound.map(who)),
    ...section('已绑定（无变化）', r.unchanged.map(who)),
    ...section('已绑定到别处（未改动，请人工核对）', r.elsewhere.map((m) => `${who(m)}：${m.held}`)),
    ...section('手机号不唯一（未绑定）', r.ambiguous.map((a) => `${a.user.name}（${a.user.externalId}）：${a.why}`)),
    ...section('未匹配到员工', r.unknown.map((u) => `${u.name}（${u.externalId}${u.no ? `，工号 ${u.no}` : ''}）`)),
  ].join('\n');
}

/**
 * `bot org sync feishu|wecom [--dry-run]`: reads the directory (`read`), binds by employee
 * number then mobile, prints the report. Exit 0; 1 when the platform is not configured.
 */
export async function runOrgSync(
  ds: DataSource,
  platform: 'feishu' | 'wecom',
  read: () => Promise<DirectoryUser[] | null>,
  opts: { dryRun: boolean; now: Date; today: string },
  io: OrgIo,
): Promise<number> {
  const users = await read();
  if (!users) {
    io.err(`未配置${PLATFORM_NAME[platform]}（环境变量见 config/env.example），无法读取通讯录。`);
    return 1;
  }
  io.out(syncReportText(await syncDirectory(ds, platform, users, { ...opts, actor: 'cli' })));
  return 0;
}
