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
      `Imported ${file}: teams ${s.teamsCreated} created, ${s.teamsUpdated} updated; employees ${s.employeesCreated} created, ${s.employeesUpdated} updated; ${s.identitiesBound} accounts bound.`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof OrgFileError)) throw e;
    io.err(`bot: the org file was refused and nothing was imported; fix it and import again:\n${e.message}`);
    return 1;
  }
}
