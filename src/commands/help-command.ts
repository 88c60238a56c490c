import type { CommandSpec } from '../core/command-spec';
import { textReply } from '../core/reply-intent';
import { ROLES } from '../domain/roles';
import { helpText } from './welcome-text';

/** 帮助 / help: the commands the asker's role may use, one example each, generated from the specs. */
export function helpCommand(all: () => CommandSpec[]): CommandSpec {
  return {
    name: '帮助',
    aliases: ['help', '菜单', '?', '？'],
    roles: ROLES,
    summary: '查看你能用的命令',
    examples: ['帮助'],
    async run(turn) {
      turn.reply(textReply(helpText(all(), turn.actor)));
    },
  };
}
