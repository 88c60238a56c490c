/** The fake WeCom: its server API (docs/platforms/wecom.md §3.8) and the callbacks WeCom would send (§1–§2). */
import { FakeWecomServer } from './fake-wecom-server';

export { FakeWecomServer };
export { cardText, messageText, type ApiRecord, type FakeCard, type FakeWecomOptions } from './fake-wecom-state';
export { deliverCallback, payloads, signedCallback, verificationPath, verifyCallbackUrl, type CallbackSecrets, type Delivery, type EnvelopeOptions, type SignedCallback } from './callback-builder';

/** The official sample's callback settings (docs/platforms/wecom.md §1.7 A): tests use them as the app's. */
export const SAMPLE_SECRETS = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
} as const;

/** The app secret and agent id the fake and the bot share in tests. */
export const SAMPLE_APP = { secret: 'fake-app-secret', agentId: 1000002 } as const;

/** A fake WeCom for the sample corp and app, with `users` in the app's visible range. */
export function startFakeWecom(users: string[]): Promise<FakeWecomServer> {
  return FakeWecomServer.start({ corpId: SAMPLE_SECRETS.corpId, secret: SAMPLE_APP.secret, agentId: SAMPLE_APP.agentId, users });
}

/** The WECOM_* variables of a bot talking to `fake`. */
export function wecomEnv(fake: { url: string }): Record<string, string> {
  return {
    WECOM_CORP_ID: SAMPLE_SECRETS.corpId,
    WECOM_AGENT_ID: String(SAMPLE_APP.agentId),
    WECOM_SECRET: SAMPLE_APP.secret,
    WECOM_TOKEN: SAMPLE_SECRETS.token,
    WECOM_ENCODING_AES_KEY: SAMPLE_SECRETS.encodingAesKey,
    WECOM_API_BASE: fake.url,
  };
}
