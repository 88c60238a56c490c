/** Daily call reports, customer records and their qualification, weekly summaries and collections (H-2…H-8, H-13, H-20). */
export { submitDailyReport, type DailyReportInput, type DailyReportResult, type LeadCandidate } from './daily-report-service';
export { addCustomerRecords, type AddRecordsInput, type AddRecordsResult, type RecordOutcome } from './customer-record-service';
export { qualifyLead, QUALIFY_ACTION, type QualifyLeadInput } from './lead-qualification-service';
export { submitWeeklySummary, type WeeklySummaryInput, type WeeklySummaryResult } from './weekly-summary-service';
export { collectedInMonth, recordCollection, reverseCollection, REVERT_COLLECTION_EXAMPLE, type CollectionInput, type CollectionReversal } from './collection-service';
export { listRecords, maskNumber, maskText, seesPhone, type ListRecordsInput, type RecordView } from './record-visibility';
export { COLLECTION_EXAMPLE, QUALIFY_EXAMPLE, QUALIFY_FOR_EXAMPLE, RECORD_EXAMPLE, REPORT_EXAMPLE, SUMMARY_EXAMPLE } from './report-rules';
export { duplicateLeads, leadView, leadVisitors, pendingLeads, type DuplicateLead, type LeadView } from './lead-queue-service';
