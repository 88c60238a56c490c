import type { CommandSpec } from '../core/command-spec';
import { ROLE_NAMES } from '../core/role-names';
import type { EmployeeRecord } from '../domain/employee-record';

/** The 帮助 text of `who`'s role: the commands they may use, one example each. */
export function helpText(specs: CommandSpec[], who: Pick<EmployeeRecord, 'name' | 'role'>): string {
  const lines = specs.filter((s) => !s.unlisted && s.roles.includes(who.role)).map((s) => `• ${s.name}（${s.summary}）：${s.examples[0]}`);
  return `${who.name}（${ROLE_NAMES[who.role]}）可以用这些命令：\n${lines.join('\n')}`;
}

/** A new colleague's welcome: a greeting and the 帮助 of their role. */
export function welcomeText(specs: CommandSpec[], who: Pick<EmployeeRecord, 'name' | 'role'>): string {
  return `欢迎加入，${who.name}！我是公司的考勤与业绩助手，以后打卡、日报、请假都可以直接发给我。\n${helpText(specs, who)}\n随时发“帮助”可以再看这份清单。`;
}
