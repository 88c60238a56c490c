export {
  closeMonth, closeMonthWithSlips, draftPayslips, isMonthClosed, latestPayslips, pendingChanges,
  type ClosedSlip, type CloseMonthOptions, type CloseMonthResult, type PayslipChange, type PayslipDraft,
} from './month-close-service';
export { employedRange, gatherMonthPayFacts, gatherPayFacts } from './pay-facts';
export { PAYROLL_COLUMNS, payrollCsv, payrollRows, type PayrollRow } from './payroll-export';
export { payrollXlsx } from './payroll-xlsx';
export { payslipItems } from './payslip-items';
export { closedPayslipView, monthIsClosed, payslipOf, type PayslipView } from './employee-payslip';
