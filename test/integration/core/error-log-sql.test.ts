import { Writable } from 'node:stream';
import { ManualClock } from '../../../src/core/clock';
import type { MessageEvent } from '../../../src/core/incoming-event';
import { createLogger } from '../../../src/core/logger';
import { PlatformIdentity, Punch } from '../../../src/db/entities';
import { currentManager } from '../../../src/db/transaction';
import { createBot } from '../../../src/main';
import { MemoryMessenger } from '../../helpers/memory-messenger';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

describeEachDb('a failing statement with a 30,000-character parameter logs one short line without SQL', (db) => {
  test('the dispatcher logs the driver code and a bounded message; neither the statement nor the text', async () => {
    const ds = db();
    const { people } = await makeTeam(ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }]);
    await ds.getRepository(PlatformIdentity).save({ platform: 'web', externalId: 'u-log', employeeId: people['张伟'].id, createdAt: new Date(0), updatedAt: new Date(0) });
    const lines: string[] = [];
    const logger = createLogger({ destination: new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }) });
    const reason = '态度'.repeat(15000);
    const clock = new ManualClock(sh('2026-12-03 09:00:00'));
    // The statement fails on both drivers (NOT NULL; on MySQL also too long for the column) with the text as a parameter.
    const handler = { handle: async () => void (await currentManager(ds).insert(Punch, { employeeId: null as unknown as number, workDate: '2026-12-03', at: new Date(), kind: 'in', sourceEvent: reason, createdAt: new Date() })) };
    const bot = createBot({ ...serviceContext(ds), logger }, [new MemoryMessenger('web')], clock, logger, {}, { handler });
    const event: MessageEvent = { type: 'message', platform: 'web', dedupKey: 'log-1', sentAt: clock.now(), senderId: 'u-log', chat: { kind: 'direct', id: 'u-log' }, text: `扣分 张伟 3 ${reason}`, mentions: [], files: [] };
    expect((await bot.dispatcher.dispatch(event)).status).toBe('failed');
    await bot.outbox.stop();
    const line = lines.find((l) => JSON.parse(l).msg === 'event failed; the user was asked to try again');
    expect(line).toBeDefined();
    const failure = JSON.parse(line!);
    expect(line!.length).toBeLessThan(6000);
    expect(line).not.toContain('态度态度态度');
    expect(line).not.toMatch(/"(query|parameters|sql)":/);
    expect(failure.err).toMatchObject({ type: 'QueryFailedError', code: expect.stringMatching(/^(SQLITE_CONSTRAINT_NOTNULL|ER_BAD_NULL_ERROR|ER_DATA_TOO_LONG)$/) });
    expect(failure.dedupKey).toBe('log-1');
  });
});
