import { ConfigError } from './config-error';
import { envSchema, EnvVars, PLATFORM_VARS } from './env-schema';

/** A chat platform the environment can configure (the web chat is WEB_CHAT's, not one of these). */
export type ConfiguredPlatform = keyof typeof PLATFORM_VARS;

/** Feishu's settings, from the FEISHU_* variables. */
export interface FeishuSettings {
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string;
  /** Open API base (FEISHU_DOMAIN). */
  domain: string;
}

/** WeCom's settings, from the WECOM_* variables. */
export interface WecomSettings {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  /** Server API base (WECOM_API_BASE). */
  apiBase: string;
}

/** wechaty's settings, from the WECHATY_* variables. */
export interface WechatySettings {
  /** The puppet package name (WECHATY_PUPPET). */
  puppet: string;
  puppetToken?: string;
}

/** The validated environment plus what follows from it. */
export interface AppEnv extends EnvVars {
  /** Platforms whose credentials are complete. */
  platforms: ConfiguredPlatform[];
  /** Set when Feishu is on. */
  feishu?: FeishuSettings;
  /** Set when WeCom is on. */
  wecom?: WecomSettings;
  /** Set when wechaty is on. */
  wechaty?: WechatySettings;
  /** Whether the built-in web chat is served (WEB_CHAT auto = on when no platform is set). */
  webChat: boolean;
  /** The address the server binds: 127.0.0.1 for a tokenless web chat without platforms. */
  listenHost: string;
  /** Why listenHost differs from HOST, for a start-up log line; undefined when it does not. */
  listenHostReason?: string;
  /** The external base URL (PUBLIC_URL, default http://127.0.0.1:PORT), without a trailing slash. */
  publicUrl: string;
}

/**
 * Validates `source` (process.env) against the contract. Throws one ConfigError naming every
 * wrong variable and why; the message never repeats a value, so secrets stay out of it.
 */
export function loadEnv(source: NodeJS.ProcessEnv): AppEnv {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = source[key];
    if (v !== undefined && v.trim() !== '') raw[key] = v.trim();
  }
  const problems: string[] = [];
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${String(issue.path[0])}: ${issue.message}`);
  }
  problems.push(...platformProblems(raw));
  const vars = parsed.success ? parsed.data : undefined;
  if (vars) problems.push(...webChatProblems(vars, configuredPlatforms(raw)));
  if (problems.length > 0 || !vars) {
    throw new ConfigError('The environment is not valid; fix these variables (see config/env.example):', [
      ...new Set(problems),
    ]);
  }
  return derive(vars, configuredPlatforms(raw));
}

function configuredPlatforms(raw: Record<string, string>): ConfiguredPlatform[] {
  return (Object.keys(PLATFORM_VARS) as ConfiguredPlatform[]).filter((p) => raw[PLATFORM_VARS[p].switch] !== undefined);
}

/** A platform is on when its switch variable is set; then all its required ones must be. */
function platformProblems(raw: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, group] of Object.entries(PLATFORM_VARS)) {
    if (raw[group.switch] !== undefined) {
      for (const k of group.required) {
        if (raw[k] === undefined) problems.push(`${k}: required when ${group.switch} is set (${name} is on)`);
      }
      continue;
    }
    const orphans = group.orphans.filter((k) => raw[k] !== undefined);
    if (orphans.length > 0) {
      problems.push(
        `${group.switch}: missing while ${orphans.join(', ')} ${orphans.length > 1 ? 'are' : 'is'} set; set it to turn ${name} on, or unset the others`,
      );
    }
  }
  return problems;
}

function webChatProblems(vars: EnvVars, platforms: ConfiguredPlatform[]): string[] {
  if (vars.WEB_CHAT === 'on' && platforms.length > 0 && !vars.WEB_CHAT_TOKEN) {
    return [
      `WEB_CHAT_TOKEN: required when WEB_CHAT=on while a platform (${platforms.join(', ')}) is configured, so the web chat is not open to anyone who can reach the server`,
    ];
  }
  return [];
}

function derive(vars: EnvVars, platforms: ConfiguredPlatform[]): AppEnv {
  const webChat = vars.WEB_CHAT === 'on' || (vars.WEB_CHAT === 'auto' && platforms.length === 0);
  const localOnly = webChat && !vars.WEB_CHAT_TOKEN && platforms.length === 0;
  const listenHost = localOnly ? '127.0.0.1' : vars.HOST;
  const listenHostReason =
    listenHost !== vars.HOST
      ? 'the web chat is on without WEB_CHAT_TOKEN, so the server listens on this machine only; set WEB_CHAT_TOKEN to listen on HOST'
      : undefined;
  const publicUrl = (vars.PUBLIC_URL ?? `http://127.0.0.1:${vars.PORT}`).replace(/\/+$/, '');
  return { ...vars, platforms, webChat, listenHost, listenHostReason, publicUrl, ...platformSettings(vars, platforms) };
}

/** The settings of each platform that is on; platformProblems has checked their required variables. */
function platformSettings(vars: EnvVars, platforms: ConfiguredPlatform[]): Pick<AppEnv, 'feishu' | 'wecom' | 'wechaty'> {
  const need = <K extends keyof EnvVars>(key: K): NonNullable<EnvVars[K]> => {
    const value = vars[key];
    if (value === undefined) throw new Error(`${key} is required here`);
    return value as NonNullable<EnvVars[K]>;
  };
  const settings: Pick<AppEnv, 'feishu' | 'wecom' | 'wechaty'> = {};
  if (platforms.includes('feishu')) {
    settings.feishu = {
      appId: need('FEISHU_APP_ID'), appSecret: need('FEISHU_APP_SECRET'), verificationToken: need('FEISHU_VERIFICATION_TOKEN'), encryptKey: need('FEISHU_ENCRYPT_KEY'), domain: vars.FEISHU_DOMAIN,
    };
  }
  if (platforms.includes('wecom')) {
    settings.wecom = {
      corpId: need('WECOM_CORP_ID'), agentId: need('WECOM_AGENT_ID'), secret: need('WECOM_SECRET'), token: need('WECOM_TOKEN'), encodingAesKey: need('WECOM_ENCODING_AES_KEY'), apiBase: vars.WECOM_API_BASE,
    };
  }
  if (platforms.includes('wechaty')) settings.wechaty = { puppet: need('WECHATY_PUPPET'), puppetToken: vars.WECHATY_PUPPET_TOKEN };
  return settings;
}
