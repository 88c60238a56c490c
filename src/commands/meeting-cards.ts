import type { NeutralCard } from '../core/neutral-card';
import { formatMinute } from '../domain/dates';
import type { Policy } from '../domain/policy';

/** One line of the team picture on the reminder. */
export interface TeamPictureLine {
  name: string;
  reportFiled: boolean;
  validCalls: number;
}

/**
 * The 17:00 meeting reminder (H-5) with the 签到 button and today's team picture: who has not
 * filed the 日报, valid calls so far.
 */
export function meetingReminderCard(p: Policy, teamName: string, picture: TeamPictureLine[]): NeutralCard {
  const missing = picture.filter((l) => !l.reportFiled).map((l) => l.name);
  return {
    title: `${teamName} 例会提醒`,
    tone: 'info',
    fields: [
      { label: '时间', value: `${formatMinute(p.meeting.start)}–${formatMinute(p.meeting.end)}` },
      { label: '未交日报', value: missing.length ? missing.join('、') : '无' },
      ...picture.map((l) => ({ label: l.name, value: `有效电话 ${l.validCalls}` })),
    ],
    text: `请在 ${formatMinute(p.meeting.start + p.meeting.graceMinutes)} 前签到，迟到扣 ${-p.meeting.late.points} 分、缺席扣 ${-p.meeting.absent.points} 分（H-12）。`,
    buttons: [{ label: '签到', actionId: 'meeting.checkin', value: {}, style: 'primary', command: '签到' }],
  };
}
