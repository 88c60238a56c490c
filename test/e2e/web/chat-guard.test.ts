import { PointEntry } from '../../../src/db/entities';
import { send } from '../../helpers/http-client';
import { startWebChat, type WebChatRig } from './web-chat-kit';

/**
 * The web chat as an attacker's page would try it (issue 13, "The web chat can be driven by any
 * web page"): without WEB_CHAT_TOKEN the admin can be acted as by whoever reaches the server,
 * so only this server's own pages may write.
 */
describe('web chat: cross-site requests and DNS rebinding are refused', () => {
  let rig: WebChatRig;
  let port: number;
  const award = JSON.stringify({ as: 'E900', chat: 'direct', text: '加分 @张伟 100 好' });
  const entries = () => rig.ds.getRepository(PointEntry).count();

  beforeAll(async () => {
    rig = await startWebChat('sqlite', { PUBLIC_URL: 'https://bot.example.com/' });
    port = rig.running.port;
  });
  afterAll(() => rig.close());

  test.each([
    ['text/plain JSON (a simple cross-site POST)', { 'Content-Type': 'text/plain' }, 415],
    ['a form post', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415],
    ['no content type', {}, 415],
    ['JSON from a foreign Origin', { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, 403],
    ['JSON from a foreign port of this host', { 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:1' }, 403],
    ['JSON from an opaque origin', { 'Content-Type': 'application/json', Origin: 'null' }, 403],
    ['JSON marked cross-site by the browser', { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, 403],
  ])('%s is refused (%s) and nothing is stored', async (_what, headers, status) => {
    const before = await entries();
    const r = await send(port, { method: 'POST', path: '/api/web/messages', headers: { Host: `127.0.0.1:${port}`, ...headers }, body: award });
    expect(r.status).toBe(status);
    expect(r.json().error).toEqual(expect.any(String));
    expect(await entries()).toBe(before);
  });

  test.each(['evil.example', `evil.example:${'3000'}`, '127.0.0.1.evil.example'])('Host "%s" is refused with 421 on the page and the API', async (host) => {
    for (const path of ['/', '/api/web/people']) {
      const r = await send(port, { path, headers: { Host: host } });
      expect(r.status).toBe(421);
    }
    const before = await entries();
    const w = await send(port, { method: 'POST', path: '/api/web/messages', headers: { Host: host, 'Content-Type': 'application/json' }, body: award });
    expect(w.status).toBe(421);
    expect(await entries()).toBe(before);
  });

  test.each(['127.0.0.1', 'localhost', '[::1]', 'bot.example.com', 'BOT.example.com:443'])('Host "%s" is this server', async (host) => {
    const r = await send(port, { path: '/api/web/people', headers: { Host: host } });
    expect(r.status).toBe(200);
  });

  test('the page forbids framing and sniffing, and allows only its own script and its inline style', async () => {
    const r = await send(port, { path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  test('a same-origin JSON write (as the page sends it) works, with or without Origin', async () => {
    for (const origin of [{ Origin: `http://127.0.0.1:${port}` }, {}] as Array<Record<string, string>>) {
      const r = await send(port, {
        method: 'POST', path: '/api/web/messages',
        headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json; charset=utf-8', ...origin },
        body: JSON.stringify({ as: 'E002', chat: 'direct', text: '帮助' }),
      });
      expect(r.status).toBe(200);
      expect(r.json()).toEqual({ status: 'handled' });
    }
  });
});
