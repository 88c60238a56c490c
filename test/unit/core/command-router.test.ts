import { CommandRouter } from '../../../src/core/command-router';
import type { CommandSpec } from '../../../src/core/command-spec';
import { ForbiddenError, UserError } from '../../../src/core/errors';
import type { CardActionEvent, IncomingEvent, MessageEvent } from '../../../src/core/incoming-event';
import { TurnContext } from '../../../src/core/turn-context';
import type { Role } from '../../../src/domain/roles';

const at = new Date('2026-12-03T01:00:00Z');
const base = { platform: 'web' as const, dedupKey: 'k', sentAt: at, senderId: 'u1', chat: { kind: 'direct' as const, id: 'u1' } };
const msg = (text: string, files: MessageEvent['files'] = []): MessageEvent => ({ ...base, type: 'message', text, mentions: [], files });
const click = (actionId: string, form: Record<string, string> = {}): CardActionEvent => ({ ...base, type: 'card-action', actionId, value: {}, form });
const turn = (event: IncomingEvent, role: Role = 'agent') => new TurnContext(event, { id: 1, no: 'E001', name: '张伟', role, teamId: 1 } as never, at);

/** Which command ran and with what rest of the text; or which fallback. */
function setup() {
  const ran: string[] = [];
  const spec = (name: string, aliases: string[], roles: Role[], actions?: CommandSpec['actions']): CommandSpec => ({
    name, aliases, roles, summary: name, examples: [name], actions,
    run: async (_t, rest) => void ran.push(`${name}|${rest}`),
  });
  const router = new CommandRouter(
    [
      spec('打卡', ['clock', 'punch'], ['agent', 'supervisor']),
      spec('上班打卡', ['clock in', '上班'], ['agent', 'supervisor']),
      spec('同意', ['approve'], ['supervisor', 'admin'], { 'leave.approve': async () => void ran.push('click leave.approve') }),
    ],
    { unknown: async (_t, text) => void ran.push(`unknown|${text}`), files: async () => void ran.push('files') },
    { messageChars: 20 },
  );
  return { router, ran };
}

describe('CommandRouter (docs/commands.md: the longest command word wins; roles; cards)', () => {
  test.each([
    ['上班打卡', '上班打卡|'],
    ['打卡', '打卡|'],
    ['打卡 上班', '打卡|上班'],
    ['上班', '上班打卡|'],
    ['clock in', '上班打卡|'],
    ['CLOCK', '打卡|'],
    ['ｃｌｏｃｋ　ｉｎ', '上班打卡|'],
    ['  打卡  ', '打卡|'],
  ])('%j runs %s', async (text, expected) => {
    const { router, ran } = setup();
    await router.handle(turn(msg(text)));
    expect(ran).toEqual([expected]);
  });

  test('text that is no command goes to the fallback, files alone to the file fallback', async () => {
    const { router, ran } = setup();
    await router.handle(turn(msg('你好')));
    await router.handle(turn(msg('', [{ kind: 'image', key: 'img', fetch: async () => Buffer.alloc(0) }])));
    expect(ran).toEqual(['unknown|你好', 'files']);
  });

  test('a role that may not use a command is refused by name, nothing runs', async () => {
    const { router, ran } = setup();
    const refused = await router.handle(turn(msg('同意 L1'), 'agent')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as Error).message).toBe('「同意」只有主管、管理员可以使用。发送「帮助」查看你能用的命令。');
    expect(ran).toEqual([]);
  });

  test('a card click runs the action its command owns, checked against the role too', async () => {
    const { router, ran } = setup();
    await router.handle(turn(click('leave.approve'), 'supervisor'));
    expect(ran).toEqual(['click leave.approve']);
    await expect(router.handle(turn(click('leave.approve'), 'agent'))).rejects.toBeInstanceOf(ForbiddenError);
  });

  test.each(['leave.reject', '__proto__', 'constructor', 'hasOwnProperty'])('the unknown action %s is an expired card', async (id) => {
    const { router } = setup();
    await expect(router.handle(turn(click(id), 'supervisor'))).rejects.toThrow('这张卡片已失效，请重新发送命令。');
  });

  test('a message (or a card form) over the length limit is refused before it is read', async () => {
    const { router, ran } = setup();
    await expect(router.handle(turn(msg(`打卡${'很'.repeat(19)}`)))).rejects.toBeInstanceOf(UserError);
    await expect(router.handle(turn(click('leave.approve', { reason: '很'.repeat(21) }), 'supervisor'))).rejects.toThrow(/这条消息太长：最多 20 个字，你发了 21 个字/);
    expect(ran).toEqual([]);
  });
});
