export { pendingRequestSource, sendDueReminders, stepsDue, type DueReminder, type PendingApproval, type PendingSource, type ReminderStep } from './approval-reminders';
