import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Policy } from '../domain/policy';
import { ConfigError } from './config-error';
import { policySchema } from './policy-schema';

/** Validates a parsed policy document; throws a ConfigError naming the path of every bad field. */
export function parsePolicy(doc: unknown, source = 'policy'): Policy {
  const result = policySchema.safeParse(doc);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new ConfigError(`The policy ${source} is not valid; the bot will not start until it is fixed:`, problems);
  }
  const policy: Policy = result.data;
  return policy;
}

/**
 * Reads and validates the policy file (POLICY_FILE). The calendar override path is resolved
 * against the policy file's folder.
 */
export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError('The policy file cannot be read:', [`POLICY_FILE: ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`]);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ConfigError(`The policy file ${file} is not valid YAML:`, [(e as Error).message.split('\n')[0]]);
  }
  const policy = parsePolicy(doc, file);
  return { ...policy, calendar: { ...policy.calendar, overridesFile: path.resolve(path.dirname(file), policy.calendar.overridesFile) } };
}
