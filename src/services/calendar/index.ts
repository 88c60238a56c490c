export { calendarVersion, refreshCalendar, startCalendarRefresh, type CalendarRefresher } from './calendar-refresh';
export {
  CALENDAR_ACTIONS, CALENDAR_EXAMPLES, calendarYear, checkCalendarYear, confirmCalendarYear, enterCalendarDays,
  type CalendarYearView, type ConfirmOutcome, type EnteredDays, type Recorded,
} from './calendar-service';
