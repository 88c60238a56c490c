import type { DataSource } from 'typeorm';
import { importOrg, OrgFileError, readOrgFile } from './services/org';

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
      `已导入 ${file}：团队 新建 ${s.teamsCreated}、更新 ${s.teamsUpdated}；员工 新建 ${s.employeesCreated}、更新 ${s.employeesUpdated}；绑定账号 ${s.identitiesBound}`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof OrgFileError)) throw e;
    io.err(`${e.message}\n未导入任何数据：请修正后重新导入。`);
    return 1;
  }
}
