export {
  closeMonth, closeMonthWithSlips, draftPayslips, isMonthClosed, latestPayslips, pendingChanges,
  type ClosedSlip, type CloseMonthOptions, type CloseMonthResult, type MarkedChange, type PayslipChange, type PayslipDraft,
} from './month-close-service';
export { employedRange, gatherMonthPayFacts, gatherPayFacts } from './pay-facts';
export { exportPayroll, PAYROLL_COLUMNS, payrollCsv, payrollCsvHeader, payrollCsvLines, payrollRows, type PayrollRow, type PayrollSink } from './payroll-export';
export { openPayrollXlsx, payrollXlsx, type PayrollXlsxWriter } from './payroll-xlsx';
export { payslipItems } from './payslip-items';
export { closedPayslipView, monthIsClosed, payslipOf, type PayslipView } from './employee-payslip';
export { closeFlags, closeFlagsOutcome, closeSummaryText, type CloseFlags } from './close-summary';
export { onClosedMonthChange, type ClosedMonthChange } from './closed-month-hook';
export { closeNotices, type PayslipCardOf } from './close-notices';
export { closePlan, type ClosePlan } from './month-close-request';
