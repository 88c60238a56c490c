import { createLogger } from '../../../../src/core/logger';
import { createWechatyAdapter } from '../../../../bots/wechaty';
import { LoginLog } from '../../../../bots/wechaty/login-log';

const mockWechatyLoads = { count: 0 };
jest.mock('wechaty', () => {
  mockWechatyLoads.count += 1;
  return {
    WechatyBuilder: {
      build: () => {
        throw new Error('no puppet here');
      },
    },
    types: { Message: {}, Contact: {}, ScanStatus: {} },
  };
});

const collect = () => {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } }) };
};

describe('wechaty adapter', () => {
  test('creating it loads nothing of wechaty; start does, and a failure to start is loud', async () => {
    const adapter = createWechatyAdapter({ puppet: 'wechaty-puppet-service', puppetToken: 't' }, collect().logger);
    expect(mockWechatyLoads.count).toBe(0);
    expect(adapter.platform).toBe('wechaty');
    expect(adapter.messenger.platform).toBe('wechaty');
    expect(adapter.messenger.limits).toEqual({ perSecond: 1, perTargetPerSecond: 1, perTargetPerMinute: 20 });
    await expect(adapter.connection!.start(async () => ({ status: 'handled' }))).rejects.toThrow(/wechaty could not start with wechaty-puppet-service .*no puppet here/);
    expect(mockWechatyLoads.count).toBe(1);
    await adapter.connection!.stop();
  });

  test('it has no webhook, only a connection: nothing is mounted for it on the HTTP server', () => {
    const adapter = createWechatyAdapter({ puppet: 'wechaty-puppet-service' }, collect().logger);
    expect(adapter.webhook).toBeUndefined();
    expect(adapter.connection).toBeDefined();
  });
});

describe('wechaty login log', () => {
  test('a QR code is logged once as text with its scan URL; progress is a line', async () => {
    const { lines, logger } = collect();
    const log = new LoginLog(logger, () => 0, async (v) => `QR(${v})`);
    await log.scan('https://login.weixin.qq.com/l/1', 'Waiting');
    await log.scan('https://login.weixin.qq.com/l/1', 'Waiting');
    await log.scan('https://login.weixin.qq.com/l/1', 'Scanned');
    await log.scan('https://login.weixin.qq.com/l/2', 'Timeout');
    expect(lines.map((l) => l.qrcode).filter(Boolean)).toEqual(['QR(https://login.weixin.qq.com/l/1)', 'QR(https://login.weixin.qq.com/l/2)']);
    expect(lines[0]).toMatchObject({ scanUrl: 'https://login.weixin.qq.com/l/1', level: 'warn' });
    expect(lines[1]).toMatchObject({ scanStatus: 'Scanned', msg: 'WeChat login: QR code scanned' });
  });

  test('without the QR renderer the scan URL is still logged', async () => {
    const { lines, logger } = collect();
    await new LoginLog(logger, () => 0, async () => undefined).scan('https://login.weixin.qq.com/l/3', 'Waiting');
    expect(lines[0]).toMatchObject({ scanUrl: 'https://login.weixin.qq.com/l/3', msg: expect.stringContaining('make a QR code of scanUrl') });
  });

  test('a login after a logout is logged as a reconnect with the time away', () => {
    const { lines, logger } = collect();
    let now = 1000;
    const log = new LoginLog(logger, () => now);
    log.login({ id: 'wxid_bot', name: '小助手' });
    log.logout({ id: 'wxid_bot', name: '小助手' }, 'network lost');
    now = 61_000;
    log.login({ id: 'wxid_bot', name: '小助手' });
    expect(lines.map((l) => l.msg)).toEqual(['WeChat logged in', 'WeChat logged out; sending waits until it logs in again', 'WeChat reconnected']);
    expect(lines[2]).toMatchObject({ reconnect: true, awayMs: 60_000 });
  });
});
