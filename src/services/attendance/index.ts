export { closeDay, rejudgeEmployeeDay, type CloseDayResult } from './close-day';
export { baseFenOf, loadDayFacts, notJudgedReason } from './day-facts';
export { judgeEmployeeDayIn, LATENESS_CODES, type EmployeeDayResult } from './judge-employee-day';
export { recordCheckin, recordPunch, type CheckinResult, type PunchKind, type PunchResult } from './punch-service';
