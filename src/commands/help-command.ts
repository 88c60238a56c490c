import type { CommandSpec } from '../core/command-spec';
import { textReply } from '../core/reply-intent';
import { ROLE_NAMES } from '../core/role-names';
import { ROLES } from '../domain/roles';

/** 帮助 / help: the commands the asker's role may use, one example each, generated from the specs. */
export function helpCommand(all: () => CommandSpec[]): CommandSpec {
  return {
    name: '帮助',
    aliases: ['help', '菜单', '?', '？'],
    roles: ROLES,
    summary: '查看你能用的命令',
    examples: ['帮助'],
    async run(turn) {
      const mine = all().filter((s) => s.roles.includes(turn.actor.role));
      const lines = mine.map((s) => `• ${s.name}（${s.summary}）：${s.examples[0]}`);
      turn.reply(textReply(`${turn.actor.name}（${ROLE_NAMES[turn.actor.role]}）可以用这些命令：\n${lines.join('\n')}`));
    },
  };
}
