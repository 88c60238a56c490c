import { ConfigError } from './config-error';
import { envSchema, EnvVars, PLATFORM_VARS } from './env-schema';

/** Which chat platforms are configured. */
export type Platform = keyof typeof PLATFORM_VARS;

/** The validated environment plus what follows from it. */
export interface AppEnv extends EnvVars {
  /** Platforms whose credentials are complete. */
  platforms: Platform[];
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

function configuredPlatforms(raw: Record<string, string>): Platform[] {
  return (Object.keys(PLATFORM_VARS) as Platform[]).filter((p) => raw[PLATFORM_VARS[p].switch] !== undefined);
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

function webChatProblems(vars: EnvVars, platforms: Platform[]): string[] {
  if (vars.WEB_CHAT === 'on' && platforms.length > 0 && !vars.WEB_CHAT_TOKEN) {
    return [
      `WEB_CHAT_TOKEN: required when WEB_CHAT=on while a platform (${platforms.join(', ')}) is configured, so the web chat is not open to anyone who can reach the server`,
    ];
  }
  return [];
}

function derive(vars: EnvVars, platforms: Platform[]): AppEnv {
  const webChat = vars.WEB_CHAT === 'on' || (vars.WEB_CHAT === 'auto' && platforms.length === 0);
  const localOnly = webChat && !vars.WEB_CHAT_TOKEN && platforms.length === 0;
  const listenHost = localOnly ? '127.0.0.1' : vars.HOST;
  const listenHostReason =
    listenHost !== vars.HOST
      ? 'the web chat is on without WEB_CHAT_TOKEN, so the server listens on this machine only; set WEB_CHAT_TOKEN to listen on HOST'
      : undefined;
  const publicUrl = (vars.PUBLIC_URL ?? `http://127.0.0.1:${vars.PORT}`).replace(/\/+$/, '');
  return { ...vars, platforms, webChat, listenHost, listenHostReason, publicUrl };
}
