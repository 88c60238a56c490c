/**
 * Naming a person in a command (docs/commands.md: "People are named by @mention, by name, or by
 * employee number"). The platform adapter passes the message's mentions; nothing is looked up here.
 */
import { quoted } from './free-text';
import { fail, normalizeText, ok, type Parsed } from './normalize';

/** A mention as the platform reports it. */
export interface Mention {
  /** The mention as it appears in the text: '@_user_1' (Feishu), '@张三' (WeChat, WeCom). */
  token: string;
  /** The platform's account id of the person mentioned, when the platform gives one. */
  externalId?: string;
  /** The display name, when the platform gives one. */
  name?: string;
}

/** Who a command is about: a platform account, an employee number, or a name to look up. */
export type PersonRef =
  | { kind: 'mention'; externalId: string }
  | { kind: 'no'; no: string }
  | { kind: 'name'; name: string };

/** When a leading bare word counts as a name: always, never, or as the caller decides. */
export type BareNameRule = boolean | ((token: string, after: string) => boolean);

const EMPLOYEE_NO = /^[A-Za-z]{1,4}\d{1,8}$/;
const NAME = /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·.-]{0,19}$/u;
const PERSON_HINT = '请用 @张三、姓名 或 工号（如 E001）';

function fromMention(m: Mention): Parsed<PersonRef> {
  if (m.externalId) return ok({ kind: 'mention', externalId: m.externalId });
  return parsePersonRef(m.name ?? normalizeText(m.token).replace(/^@/, ''), []);
}

/**
 * One person token: a mention listed in `mentions` (by its token) → 'mention' (or its name when
 * the platform gave no id), `@张三` not listed → 'name', an employee number of letters + digits
 * (`E001`, `e001`; returned upper-case) → 'no', a bare name (Han or Latin letters, no digits) → 'name'.
 */
export function parsePersonRef(token: string, mentions: readonly Mention[]): Parsed<PersonRef> {
  const t = normalizeText(token);
  if (t === '') return fail(`缺少人员，${PERSON_HINT}`);
  const listed = mentions.find((m) => normalizeText(m.token) === t);
  if (listed) return fromMention(listed);
  const bare = t.replace(/^@\s*/, '');
  if (EMPLOYEE_NO.test(bare)) return ok({ kind: 'no', no: bare.toUpperCase() });
  if (NAME.test(bare)) return ok({ kind: 'name', name: bare });
  return fail(`看不懂${quoted(t)}是谁，${PERSON_HINT}`);
}

const SEPARATOR = /^[\s:,]+/;

function endsCleanly(after: string): boolean {
  return after === '' || /^[\s:,]/.test(after);
}

/**
 * The optional person at the start of a command's text and the text after it: `@张三 值日`,
 * `张三 3 态度问题`, `E001 52000 华为技术`, `@_user_1 事假 …`. Listed mentions are matched
 * first (longest token first), then `@name`, then an employee number, then — when `bareName`
 * allows (default true; a function sees the token and the text after it) — a bare name.
 * No person → `person: null` and the whole text as `rest`. Fails only on an unreadable `@…`.
 */
export function takeLeadingPerson(
  rest: string,
  mentions: readonly Mention[],
  options: { bareName?: BareNameRule } = {},
): Parsed<{ person: PersonRef | null; rest: string }> {
  const t = normalizeText(rest);
  const sorted = [...mentions].sort((a, b) => normalizeText(b.token).length - normalizeText(a.token).length);
  for (const m of sorted) {
    const token = normalizeText(m.token);
    if (token === '' || !t.startsWith(token) || !endsCleanly(t.slice(token.length))) continue;
    const person = fromMention(m);
    return person.ok ? ok({ person: person.value, rest: t.slice(token.length).replace(SEPARATOR, '') }) : person;
  }
  const head = /^[^\s:,]*/.exec(t)?.[0] ?? '';
  const after = t.slice(head.length).replace(SEPARATOR, '');
  if (head.startsWith('@')) {
    const person = parsePersonRef(head, []);
    return person.ok ? ok({ person: person.value, rest: after }) : person;
  }
  if (EMPLOYEE_NO.test(head)) return ok({ person: { kind: 'no', no: head.toUpperCase() }, rest: after });
  const rule = options.bareName ?? true;
  const allowed = typeof rule === 'function' ? rule(head, after) : rule;
  if (allowed && NAME.test(head)) return ok({ person: { kind: 'name', name: head }, rest: after });
  return ok({ person: null, rest: t });
}
