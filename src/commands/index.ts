import type { CommandSpec } from '../core/command-spec';
import { textReply } from '../core/reply-intent';
import { CommandRouter } from '../core/command-router';
import type { ServiceContext } from '../services/service-context';
import { appealCommands } from './appeal-commands';
import { approvalCommands, REQUEST_KINDS } from './approval-commands';
import { bindingCommands, strangerBinding } from './binding-commands';
import { attendanceCommands } from './attendance-commands';
import { calendarCommands } from './calendar-commands';
import { closeCommands } from './close-commands';
import { collectionCommands } from './collection-commands';
import { consoleCommands } from './console-commands';
import { exportCommands } from './export-commands';
import { correctionCommands } from './correction-commands';
import { delegationCommands } from './delegation-commands';
import { helpCommand } from './help-command';
import { leadCommands } from './lead-commands';
import { leadQueueCommands } from './lead-queue-commands';
import { attachFile, leaveCommands } from './leave-commands';
import { payCommands } from './pay-commands';
import { reportCommands } from './report-commands';
import { scoreCommands } from './score-commands';
import { teamCommands } from './team-commands';
import { UNKNOWN_COMMAND } from './texts';

/** Every command of docs/commands.md, bound to the services. */
export function createCommands(ctx: ServiceContext): CommandSpec[] {
  const specs: CommandSpec[] = [];
  specs.push(
    helpCommand(() => specs),
    ...attendanceCommands(ctx),
    ...reportCommands(ctx),
    ...leadCommands(ctx),
    ...leadQueueCommands(ctx),
    ...leaveCommands(ctx),
    ...approvalCommands(ctx, () => specs),
    ...bindingCommands(),
    ...correctionCommands(ctx),
    ...appealCommands(ctx),
    ...delegationCommands(ctx),
    ...scoreCommands(ctx),
    ...payCommands(ctx),
    ...exportCommands(ctx),
    ...collectionCommands(ctx),
    ...closeCommands(ctx),
    ...teamCommands(ctx),
    ...calendarCommands(ctx),
    ...consoleCommands(ctx),
  );
  return specs;
}

/** The command router over every command, with the fallbacks for files and unknown text. */
export function createCommandRouter(ctx: ServiceContext): CommandRouter {
  return new CommandRouter(createCommands(ctx), {
    stranger: { command: '绑定', run: (event, rest, now) => strangerBinding(ctx, REQUEST_KINDS.U, event, rest, now) },
    files: (turn) => attachFile(ctx, turn),
    async unknown(turn) {
      turn.reply(textReply(UNKNOWN_COMMAND));
    },
  }, { messageChars: ctx.policy.textLimits.message });
}
