import { ApprovalReminder } from './approval-reminder.entity';
import { AttendanceDay } from './attendance-day.entity';
import { Attachment } from './attachment.entity';
import { AuditEntry } from './audit-entry.entity';
import { CalendarEntry } from './calendar-entry.entity';
import { ChatFile } from './chat-file.entity';
import { Collection } from './collection.entity';
import { CustomerRecord } from './customer-record.entity';
import { DailyReport } from './daily-report.entity';
import { Employee } from './employee.entity';
import { JobRun } from './job-run.entity';
import { Lease } from './lease.entity';
import { LeaveRequest } from './leave-request.entity';
import { MeetingCheckin } from './meeting-checkin.entity';
import { MonthClose } from './month-close.entity';
import { OutboxMessage } from './outbox-message.entity';
import { Payslip } from './payslip.entity';
import { PlatformIdentity } from './platform-identity.entity';
import { PointEntry } from './point-entry.entity';
import { ProcessedEvent } from './processed-event.entity';
import { Punch } from './punch.entity';
import { Team } from './team.entity';
import { WeeklySummary } from './weekly-summary.entity';

export {
  ApprovalReminder, AttendanceDay, Attachment, AuditEntry, CalendarEntry, ChatFile, Collection, CustomerRecord, DailyReport, Employee, JobRun, Lease,
  LeaveRequest, MeetingCheckin, MonthClose, OutboxMessage, Payslip, PlatformIdentity, PointEntry, ProcessedEvent, Punch,
  Team, WeeklySummary,
};

/** Every entity, for the DataSource. */
export const ENTITIES = [
  ApprovalReminder, AttendanceDay, Attachment, AuditEntry, CalendarEntry, ChatFile, Collection, CustomerRecord, DailyReport, Employee, JobRun, Lease,
  LeaveRequest, MeetingCheckin, MonthClose, OutboxMessage, Payslip, PlatformIdentity, PointEntry, ProcessedEvent, Punch,
  Team, WeeklySummary,
];
