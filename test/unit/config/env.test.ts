import { ConfigError } from '../../../src/config/config-error';
import { loadEnv } from '../../../src/config/env';

const FEISHU = {
  FEISHU_APP_ID: 'cli_a1b2c3d4',
  FEISHU_APP_SECRET: 'feishu-app-secret-value',
  FEISHU_VERIFICATION_TOKEN: 'verify-token-value',
  FEISHU_ENCRYPT_KEY: 'encrypt-key-value',
};
const WECOM = {
  WECOM_CORP_ID: 'ww1234567890abcdef',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'wecom-secret-value',
  WECOM_TOKEN: 'kz7Yx62CH8SaLN',
  WECOM_ENCODING_AES_KEY: 'cD0d7jx4tYvVtzqrmh3Dm3QFCXe6f8SlHoMtMh3qQEP',
};
const SECRETS = [FEISHU.FEISHU_APP_SECRET, FEISHU.FEISHU_VERIFICATION_TOKEN, FEISHU.FEISHU_ENCRYPT_KEY, WECOM.WECOM_SECRET, WECOM.WECOM_ENCODING_AES_KEY];

/** The ConfigError problems for `env`, or fails the test when it loads. */
function problems(env: Record<string, string>): string[] {
  try {
    loadEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('environment (docs/architecture.md contracts: Env)', () => {
  test('defaults: port 3000, SQLite under ./data, jobs on, web chat on for this machine only', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'sqlite:./data/bot.sqlite',
      POLICY_FILE: 'config/policy.yaml',
      LOG_LEVEL: 'info',
      JOBS: 'on',
      WEB_CHAT: 'auto',
      FEISHU_DOMAIN: 'https://open.feishu.cn',
      WECOM_API_BASE: 'https://qyapi.weixin.qq.com',
      platforms: [],
      webChat: true,
      listenHost: '127.0.0.1',
    });
    expect(env.listenHostReason).toMatch(/WEB_CHAT_TOKEN/);
  });

  test('each platform that is on comes as one typed settings object; the others are absent', () => {
    const env = loadEnv({ ...FEISHU, ...WECOM, WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_TOKEN: 'puppet-token', WECOM_API_BASE: 'http://127.0.0.1:9/' });
    expect(env.feishu).toEqual({ appId: 'cli_a1b2c3d4', appSecret: 'feishu-app-secret-value', verificationToken: 'verify-token-value', encryptKey: 'encrypt-key-value', domain: 'https://open.feishu.cn' });
    expect(env.wecom).toEqual({
      corpId: 'ww1234567890abcdef', agentId: 1000002, secret: 'wecom-secret-value', token: 'kz7Yx62CH8SaLN', encodingAesKey: WECOM.WECOM_ENCODING_AES_KEY, apiBase: 'http://127.0.0.1:9/',
    });
    expect(env.wechaty).toEqual({ puppet: 'wechaty-puppet-service', puppetToken: 'puppet-token' });
    const none = loadEnv({});
    expect([none.feishu, none.wecom, none.wechaty]).toEqual([undefined, undefined, undefined]);
  });

  test('empty strings count as unset', () => {
    expect(loadEnv({ PORT: '', FEISHU_APP_ID: ' ', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  test('complete Feishu and WeCom sets turn both on; the web chat is then off and HOST is used', () => {
    const env = loadEnv({ ...FEISHU, ...WECOM, HOST: '0.0.0.0' });
    expect(env.platforms).toEqual(['feishu', 'wecom']);
    expect(env.webChat).toBe(false);
    expect(env.listenHost).toBe('0.0.0.0');
    expect(env.WECOM_AGENT_ID).toBe(1000002);
  });

  test('PUBLIC_URL defaults to this machine on PORT and loses a trailing slash', () => {
    expect(loadEnv({ PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadEnv({ PUBLIC_URL: 'https://bot.example.com/' }).publicUrl).toBe('https://bot.example.com');
  });

  test('a token lets a tokenless-platform web chat listen on HOST', () => {
    expect(loadEnv({ WEB_CHAT_TOKEN: 'a'.repeat(16) }).listenHost).toBe('0.0.0.0');
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ['PORT not a number', { PORT: 'abc' }, /^PORT: must be a whole number/],
    ['PORT out of range', { PORT: '70000' }, /^PORT: must be between 0 and 65535/],
    ['DATABASE_URL of another kind', { DATABASE_URL: 'postgres://x/y' }, /^DATABASE_URL: must be sqlite:PATH or mysql:/],
    ['DATABASE_URL mysql without database', { DATABASE_URL: 'mysql://root@localhost:3306' }, /^DATABASE_URL:/],
    ['LOG_LEVEL unknown', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL: must be one of/],
    ['JOBS not on/off', { JOBS: 'yes' }, /^JOBS: must be on or off/],
    ['WEB_CHAT unknown', { WEB_CHAT: 'maybe' }, /^WEB_CHAT: must be auto, on or off/],
    ['WEB_CHAT_TOKEN too short', { WEB_CHAT_TOKEN: 'short' }, /^WEB_CHAT_TOKEN: must be at least 16/],
    ['PUBLIC_URL not a URL', { PUBLIC_URL: 'bot.example.com' }, /^PUBLIC_URL: must be an http\(s\) URL/],
    ['FEISHU_APP_ID malformed', { ...FEISHU, FEISHU_APP_ID: 'app1' }, /^FEISHU_APP_ID: must look like cli_/],
    ['FEISHU_DOMAIN not a URL', { ...FEISHU, FEISHU_DOMAIN: 'open.feishu.cn' }, /^FEISHU_DOMAIN: must be an http\(s\) URL/],
    ['WECOM_AGENT_ID not a number', { ...WECOM, WECOM_AGENT_ID: 'x' }, /^WECOM_AGENT_ID: must be a whole number/],
    ['WECOM_ENCODING_AES_KEY not 43 chars', { ...WECOM, WECOM_ENCODING_AES_KEY: 'abc' }, /^WECOM_ENCODING_AES_KEY: must be exactly 43/],
    ['WECOM_TOKEN with symbols', { ...WECOM, WECOM_TOKEN: 'a-b' }, /^WECOM_TOKEN: must be 1–32 letters or digits/],
    ['WECHATY token without puppet', { WECHATY_PUPPET_TOKEN: 'puppet_service_token' }, /^WECHATY_PUPPET: missing while WECHATY_PUPPET_TOKEN is set/],
  ])('%s is named', (_case, env, expected) => {
    const found = problems(env);
    expect(found.some((p) => expected.test(p))).toBe(true);
  });

  test.each(Object.keys(FEISHU).filter((k) => k !== 'FEISHU_APP_ID'))('Feishu on without %s names it', (missing) => {
    const env: Record<string, string> = { ...FEISHU };
    delete env[missing];
    expect(problems(env)).toEqual([`${missing}: required when FEISHU_APP_ID is set (feishu is on)`]);
  });

  test.each(Object.keys(WECOM).filter((k) => k !== 'WECOM_CORP_ID'))('WeCom on without %s names it', (missing) => {
    const env: Record<string, string> = { ...WECOM };
    delete env[missing];
    expect(problems(env)).toEqual([`${missing}: required when WECOM_CORP_ID is set (wecom is on)`]);
  });

  test('a partial set without its switch names the switch', () => {
    const { FEISHU_APP_ID: _id, ...rest } = FEISHU;
    expect(problems(rest)).toEqual([
      'FEISHU_APP_ID: missing while FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN, FEISHU_ENCRYPT_KEY are set; set it to turn feishu on, or unset the others',
    ]);
  });

  test('WEB_CHAT=on with a platform and no token refuses to start', () => {
    expect(problems({ ...FEISHU, WEB_CHAT: 'on' })).toEqual([expect.stringMatching(/^WEB_CHAT_TOKEN: required when WEB_CHAT=on/)]);
  });

  test('every wrong variable is named in one error, and no secret value appears in it', () => {
    const env = { ...FEISHU, ...WECOM, PORT: 'x', JOBS: 'maybe', WECOM_AGENT_ID: 'x', FEISHU_APP_ID: 'bad' };
    let message = '';
    try {
      loadEnv(env);
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ['PORT', 'JOBS', 'WECOM_AGENT_ID', 'FEISHU_APP_ID']) expect(message).toContain(`- ${name}:`);
    for (const secret of SECRETS) expect(message).not.toContain(secret);
  });
});
