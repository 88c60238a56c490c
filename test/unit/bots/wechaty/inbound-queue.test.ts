import type { DispatchOutcome } from '../../../../src/core/dispatcher';
import type { IncomingEvent } from '../../../../src/core/incoming-event';
import { createLogger } from '../../../../src/core/logger';
import { InboundQueue } from '../../../../bots/wechaty/inbound-queue';

const event = (id: string, senderId = 'a'): IncomingEvent => ({
  type: 'message', platform: 'wechaty', dedupKey: id, sentAt: new Date('2026-12-03T01:00:00Z'), senderId,
  chat: { kind: 'direct', id: senderId }, text: id, mentions: [], files: [],
});

const collect = () => {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } }) };
};

describe('wechaty inbound queue', () => {
  test("one sender's messages are dispatched in order, even when an earlier one decodes slowly", async () => {
    const handled: string[] = [];
    const queue = new InboundQueue(async (e) => {
      handled.push(e.dedupKey);
      return { status: 'handled' };
    }, collect().logger);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    queue.push('a', async () => {
      await slow;
      return event('1');
    });
    queue.push('a', async () => event('2'));
    queue.push('b', async () => event('3', 'b'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled).toEqual(['3']);
    release();
    await queue.drain();
    expect(handled).toEqual(['3', '1', '2']);
  });

  test('a dispatch that throws (database down) is tried again, then succeeds once', async () => {
    const { lines, logger } = collect();
    let calls = 0;
    const queue = new InboundQueue(async (): Promise<DispatchOutcome> => {
      calls += 1;
      if (calls < 3) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return { status: 'handled' };
    }, logger, [1, 1, 1]);
    queue.push('a', async () => event('1'));
    await queue.drain();
    expect(calls).toBe(3);
    expect(lines.filter((l) => l.includes('will retry'))).toHaveLength(2);
  });

  test('after the last retry the message is dropped loudly; a message that cannot be read is skipped', async () => {
    const { lines, logger } = collect();
    const queue = new InboundQueue(async () => {
      throw new Error('still down');
    }, logger, [1]);
    queue.push('a', async () => event('1'));
    queue.push('b', async () => {
      throw new Error('payload missing');
    });
    await queue.drain();
    expect(lines.some((l) => l.includes('"level":"error"') && l.includes('dropped') && l.includes('"dedupKey":"1"'))).toBe(true);
    expect(lines.some((l) => l.includes('could not read a WeChat message'))).toBe(true);
  });

  test('close cuts a long retry wait short and takes nothing new', async () => {
    let calls = 0;
    const queue = new InboundQueue(async () => {
      calls += 1;
      throw new Error('down');
    }, collect().logger, [60_000, 60_000]);
    queue.push('a', async () => event('1'));
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    await queue.close();
    expect(Date.now() - started).toBeLessThan(5000);
    queue.push('a', async () => event('2'));
    await queue.drain();
    expect(calls).toBe(2);
  });
});
