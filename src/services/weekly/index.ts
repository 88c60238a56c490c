export { checkEmployeeWeeksIn, checkWeek, recheckWeekIfJudged, summaryDeadline, SUMMARY_MISSING, type WeekCheckResult } from './weekly-check-service';
