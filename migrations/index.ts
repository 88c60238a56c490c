import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { OutboxCardRefs1764460800000 } from './1764460800000-outbox-card-refs';
import { PointSourceIndex1764547200000 } from './1764547200000-point-source-index';
import { MoneyBigint1764720000000 } from './1764720000000-money-bigint';
import { CalendarEntries1764806400000 } from './1764806400000-calendar-entries';
import { EventOutcome1764633600000 } from './1764633600000-event-outcome';
import { OutboxMessageIds1765065600000 } from './1765065600000-outbox-message-ids';
import { MonthCloses1765152000000 } from './1765152000000-month-closes';
import { ReportIndexes1765238400000 } from './1765238400000-report-indexes';
import { ApprovalReminders1765600000000 } from './1765600000000-approval-reminders';
import { ToldEntries1765300000000 } from './1765300000000-told-entries';
import { MonthChanges1765500000000 } from './1765500000000-month-changes';
import { Requests1765400000000 } from './1765400000000-requests';
import { RecordPhoneIndex1765700000000 } from './1765700000000-record-phone-index';
import { ChatFiles1765770000000 } from './1765770000000-chat-files';
import { BindingRequests1765800000000 } from './1765800000000-binding-requests';
import { ConsoleSessions1796400000000 } from './1796400000000-console-sessions';
import { AuditFilterIndexes1796700000000 } from './1796700000000-audit-filter-indexes';

/** Every migration, oldest first. Add new ones at the end; never edit one that has landed. */
export const MIGRATIONS = [
  InitialSchema1764201600000,
  OutboxCardRefs1764460800000,
  PointSourceIndex1764547200000,
  EventOutcome1764633600000,
  MoneyBigint1764720000000,
  CalendarEntries1764806400000,
  OutboxMessageIds1765065600000,
  MonthCloses1765152000000,
  ReportIndexes1765238400000,
  ToldEntries1765300000000,
  Requests1765400000000,
  MonthChanges1765500000000,
  ApprovalReminders1765600000000,
  RecordPhoneIndex1765700000000,
  ChatFiles1765770000000,
  BindingRequests1765800000000,
  ConsoleSessions1796400000000,
  AuditFilterIndexes1796700000000,
];
