import type { DataSource } from 'typeorm';
import type { Employee } from '../../src/db/entities';
import { ChatHarness } from './chat-harness';
import { makeTeam } from './service-context';

/**
 * Two teams for the approval tests (L, B, S, 代理): 王强 supervises 张伟 (agent) and 陈静
 * (salesperson); 孙丽 supervises 周杰; 赵敏 and 钱进 are admins. Returns them by name and their ids
 * (the database is shared by a suite's tests: a test reads its own people's rows).
 */
export async function twoTeams(ds: DataSource): Promise<{ p: Record<string, Employee>; ids: number[] }> {
  const a = await makeTeam(ds, [
    { name: '王强', role: 'supervisor' },
    { name: '张伟', role: 'agent' },
    { name: '陈静', role: 'salesperson' },
    { name: '赵敏', role: 'admin' },
    { name: '钱进', role: 'admin' },
  ]);
  const b = await makeTeam(ds, [{ name: '孙丽', role: 'supervisor' }, { name: '周杰', role: 'agent' }]);
  const p = { ...a.people, ...b.people };
  return { p, ids: Object.values(p).map((e) => e.id) };
}

/** {@link twoTeams} with everyone bound to the chat harness's web accounts. */
export async function twoTeamChat(ds: DataSource): Promise<{ chat: ChatHarness; p: Record<string, Employee>; ids: number[] }> {
  const { p, ids } = await twoTeams(ds);
  const chat = new ChatHarness(ds);
  await chat.bind(...Object.values(p));
  return { chat, p, ids };
}
