import { createDataSource } from '../../../src/db/data-source';
import { Punch } from '../../../src/db/entities';
import { startFeishuE2e, type FeishuE2e } from '../../fakes/feishu-server/feishu-e2e-kit';
import { FreezableProxy } from '../../helpers/freezable-proxy';
import { send } from '../../helpers/http-client';
import { makeTeam, sh } from '../../helpers/service-context';
import { dbKinds, dropWorkerDatabase, workerMysqlUrl } from '../../helpers/test-db';

/** Feishu waits 3 s for an answer (docs/platforms/feishu.md); a 503 must come before that. */
const ANSWER_WITHIN_MS = 3000;

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
};

/**
 * MySQL only (SQLite cannot freeze: it is in the process). The bot reaches MariaDB through a
 * proxy that stops forwarding without closing anything, as a hung database server does.
 */
const describeMysql = dbKinds().includes('mysql') ? describe : describe.skip;

describeMysql('a database that stops answering (frozen, not refusing) [mysql]', () => {
  let proxy: FreezableProxy;
  let e2e: FeishuE2e;
  let agent: { openId: string; name?: string };
  let agentId: number;

  beforeAll(async () => {
    const direct = new URL(await workerMysqlUrl());
    const reset = createDataSource(direct.toString());
    await reset.initialize();
    await reset.dropDatabase();
    await reset.destroy();
    proxy = await FreezableProxy.start({ host: direct.hostname, port: Number(direct.port || 3306) });
    const viaProxy = new URL(direct.toString());
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    e2e = await startFeishuE2e('mysql', { databaseUrl: viaProxy.toString() });
    const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
    agent = await e2e.bind(people['张伟']);
    agentId = people['张伟'].id;
  });

  afterAll(async () => {
    proxy?.thaw();
    await e2e?.close();
    await proxy?.close();
    await dropWorkerDatabase();
  });

  test('webhooks and /readyz answer 503 within the platform deadline; once it thaws the retry is stored once', async () => {
    const first = await e2e.post(e2e.pushes.text(agent, '上班打卡', { at: sh('2026-12-03 08:58:00') }));
    expect(first.status).toBe(200);
    e2e.clock.set(sh('2026-12-03 18:07:00'));

    proxy.freeze();
    const push = e2e.pushes.push(e2e.pushes.text(agent, '下班打卡', { at: sh('2026-12-03 18:05:00'), messageId: 'om_frozen_1' }));
    const [webhook, ready] = await Promise.all([
      timed(() => e2e.post(push)),
      timed(() => send(e2e.port, { path: '/readyz' })),
    ]);
    expect(webhook.value.status).toBe(503);
    expect(webhook.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(ready.value.status).toBe(503);
    expect(ready.ms).toBeLessThan(ANSWER_WITHIN_MS);
    // A second webhook while still frozen: the pool's connections are stuck or gone, it still answers in time.
    const again = await timed(() => e2e.post(e2e.pushes.text(agent, '日报 通话 12', { at: sh('2026-12-03 18:06:00') })));
    expect(again.value.status).toBe(503);
    expect(again.ms).toBeLessThan(ANSWER_WITHIN_MS);

    proxy.thaw();
    // The platform retries the same event (same signature, same message id): now it is stored, once.
    const retry = await e2e.post(push);
    expect(retry.status).toBe(200);
    expect((await e2e.post(push)).status).toBe(200);
    expect(await e2e.ds.getRepository(Punch).countBy({ employeeId: agentId, kind: 'out' })).toBe(1);
    expect((await send(e2e.port, { path: '/readyz' })).status).toBe(200);
  });
});
