import { Appeal } from './appeal.entity';
import { ApprovalReminder } from './approval-reminder.entity';
import { AttendanceDay } from './attendance-day.entity';
import { Attachment } from './attachment.entity';
import { AuditEntry } from './audit-entry.entity';
import { CalendarEntry } from './calendar-entry.entity';
import { ConsoleLink, ConsoleSession } from './console-session.entity';
import { ChatFile } from './chat-file.entity';
import { Collection } from './collection.entity';
import { BindingRequest } from './binding-request.entity';
import { CorrectionRequest } from './correction-request.entity';
import { CustomerRecord } from './customer-record.entity';
import { DailyReport } from './daily-report.entity';
import { Delegation } from './delegation.entity';
import { Employee } from './employee.entity';
import { JobRun } from './job-run.entity';
import { Lease } from './lease.entity';
import { LeaveRequest } from './leave-request.entity';
import { MeetingCheckin } from './meeting-checkin.entity';
import { MonthChange } from './month-change.entity';
import { MonthClose } from './month-close.entity';
import { OutboxMessage } from './outbox-message.entity';
import { Payslip } from './payslip.entity';
import { PlatformIdentity } from './platform-identity.entity';
import { PointEntry } from './point-entry.entity';
import { ProcessedEvent } from './processed-event.entity';
import { Punch } from './punch.entity';
import { Team } from './team.entity';
import { ToldEntry } from './told-entry.entity';
import { WeeklySummary } from './weekly-summary.entity';

export {
  Appeal, ApprovalReminder, AttendanceDay, Attachment, AuditEntry, BindingRequest, CalendarEntry, ChatFile, Collection, ConsoleLink, ConsoleSession, CorrectionRequest, CustomerRecord, DailyReport, Delegation,
  Employee, JobRun, Lease, LeaveRequest, MeetingCheckin, MonthChange, MonthClose, OutboxMessage, Payslip, PlatformIdentity, PointEntry,
  ProcessedEvent, Punch, Team, ToldEntry, WeeklySummary,
};

/** Every entity, for the DataSource. */
export const ENTITIES = [
  Appeal, ApprovalReminder, AttendanceDay, Attachment, AuditEntry, BindingRequest, CalendarEntry, ChatFile, Collection, ConsoleLink, ConsoleSession, CorrectionRequest, CustomerRecord, DailyReport, Delegation,
  Employee, JobRun, Lease, LeaveRequest, MeetingCheckin, MonthChange, MonthClose, OutboxMessage, Payslip, PlatformIdentity, PointEntry,
  ProcessedEvent, Punch, Team, ToldEntry, WeeklySummary,
];
