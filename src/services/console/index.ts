export { approvalList, type ApprovalItem } from './approval-list';
export { employeeMonth, type ConsoleRecord, type EmployeeDay, type EmployeeMonth, type LedgerLine } from './employee-month';
export { monthTable, type MonthScope, type MonthTable, type MonthTableRow } from './month-table';
