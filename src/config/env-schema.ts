import { z } from 'zod';

/**
 * Each platform's variables: it is on when `switch` is set, and then `required` must be set too;
 * `orphans` set without the switch are a partial set (API bases have defaults and are not).
 */
export const PLATFORM_VARS = {
  feishu: {
    switch: 'FEISHU_APP_ID',
    required: ['FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN', 'FEISHU_ENCRYPT_KEY'],
    orphans: ['FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN', 'FEISHU_ENCRYPT_KEY'],
  },
  wecom: {
    switch: 'WECOM_CORP_ID',
    required: ['WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'],
    orphans: ['WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'],
  },
  wechaty: { switch: 'WECHATY_PUPPET', required: [], orphans: ['WECHATY_PUPPET_TOKEN'] },
} as const;

const port = z.coerce
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const databaseUrl = z
  .string()
  .refine((v) => /^sqlite:.+/.test(v) || /^mysql:\/\/[^/]+\/[^/?]+/.test(v), {
    message: 'must be sqlite:PATH or mysql://user:pass@host:port/database',
  });

const httpUrl = z.string().refine((v) => /^https?:\/\/[^\s/]+/.test(v), { message: 'must be an http(s) URL' });
const nonEmpty = z.string().min(1, 'must not be empty');

/** The environment exactly as docs/architecture.md's contract names it; empty strings count as unset. */
export const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: databaseUrl.default('sqlite:./data/bot.sqlite'),
  POLICY_FILE: z.string().min(1).default('config/policy.yaml'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  JOBS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  WEB_CHAT: z.enum(['auto', 'on', 'off'], { message: 'must be auto, on or off' }).default('auto'),
  WEB_CHAT_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PUBLIC_URL: httpUrl.optional(),
  FEISHU_APP_ID: z.string().regex(/^cli_\w+$/, 'must look like cli_xxxxxxxx (the app id of the Feishu app)').optional(),
  FEISHU_APP_SECRET: nonEmpty.optional(),
  FEISHU_VERIFICATION_TOKEN: nonEmpty.optional(),
  FEISHU_ENCRYPT_KEY: nonEmpty.optional(),
  FEISHU_DOMAIN: httpUrl.default('https://open.feishu.cn'),
  WECOM_CORP_ID: z.string().regex(/^\w+$/, 'must be the CorpID (letters and digits)').optional(),
  WECOM_AGENT_ID: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').positive('must be positive').optional(),
  WECOM_SECRET: nonEmpty.optional(),
  WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits').optional(),
  WECOM_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be exactly 43 letters or digits').optional(),
  WECOM_API_BASE: httpUrl.default('https://qyapi.weixin.qq.com'),
  WECHATY_PUPPET: nonEmpty.optional(),
  WECHATY_PUPPET_TOKEN: nonEmpty.optional(),
});

/** The raw, validated variables. */
export type EnvVars = z.infer<typeof envSchema>;
