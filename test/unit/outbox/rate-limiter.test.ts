import { RateLimiter } from '../../../src/outbox/rate-limiter';

/** A limiter on a fake clock: sleeping moves the clock. */
function fakeLimiter() {
  let now = 0;
  const limiter = new RateLimiter(() => now, async (ms) => {
    now += ms;
  });
  return { limiter, now: () => now };
}

describe('send limits (Feishu 50/s per app and 5/s per chat; WeCom 30 per member per minute)', () => {
  test('the per-app limit spreads 120 sends over about two seconds', async () => {
    const { limiter, now } = fakeLimiter();
    for (let i = 0; i < 120; i++) await limiter.take('feishu', `u${i}`, { perSecond: 50 });
    expect(now()).toBeGreaterThanOrEqual(2000);
    expect(now()).toBeLessThan(3000);
  });

  test('the per-chat limit holds one chat to 5 a second while others go on', async () => {
    const { limiter, now } = fakeLimiter();
    for (let i = 0; i < 5; i++) await limiter.take('feishu', 'c1', { perSecond: 50, perTargetPerSecond: 5 });
    expect(now()).toBe(0);
    await limiter.take('feishu', 'c2', { perSecond: 50, perTargetPerSecond: 5 });
    expect(now()).toBe(0);
    await limiter.take('feishu', 'c1', { perSecond: 50, perTargetPerSecond: 5 });
    expect(now()).toBe(1001);
  });

  test('30 per member per minute: the 31st waits a minute', async () => {
    const { limiter, now } = fakeLimiter();
    for (let i = 0; i < 31; i++) await limiter.take('wecom', 'zhangsan', { perTargetPerMinute: 30 });
    expect(now()).toBe(60_001);
  });

  test('no limits: no wait', async () => {
    const { limiter, now } = fakeLimiter();
    for (let i = 0; i < 1000; i++) await limiter.take('web', 'x', undefined);
    expect(now()).toBe(0);
  });
});
