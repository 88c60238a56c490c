export {
  closeMonth, closeMonthWithSlips, draftPayslips, isMonthClosed, latestPayslips, pendingChanges,
  type ClosedSlip, type CloseMonthOptions, type CloseMonthResult, type MarkedChange, type PayslipChange, type PayslipDraft,
} from './month-close-service';
export { employedRange, gatherMonthPayFacts, gatherPayFacts } from './pay-facts';
export { exportPayroll, PAYROLL_COLUMNS, payrollRowsIn, payrollCsv, payrollCsvHeader, payrollCsvLines, payrollRows, type PayrollRow, type PayrollSink } from './payroll-export';
export {
  FLAGS_LABEL, openPayrollXlsx, PAYROLL_LABELS, PAYROLL_XLSX_COLUMNS, payrollXlsx, payrollXlsxWithSummary, TOTALS_LABEL,
  type PayrollXlsxOptions, type PayrollXlsxSummary, type PayrollXlsxWriter,
} from './payroll-xlsx';
export { closeSummaryFlags, movedMoreThan, NEGATIVE_TOTAL, payrollFlags, type PayrollFlagRule } from './payroll-flags';
export { payslipItems } from './payslip-items';
export { closedPayslipView, monthIsClosed, payslipOf, type PayslipView } from './employee-payslip';
export { payrollFilesForChat, type PayrollFiles } from './payroll-files';
export { closeFlags, closeFlagsOutcome, closeSummaryText, type CloseFlags } from './close-summary';
export { onClosedMonthChange, type ClosedMonthChange } from './closed-month-hook';
export { closeNotices, type PayslipCardOf } from './close-notices';
export { closePlan, type ClosePlan } from './month-close-request';
