/**
 * When the benchmarks' clock-ins are stamped: the morning rush of the latest workday before
 * today, in the company's time zone, so that every run judges the same kind of day (a workday
 * clock-in reads leave and the ledger; a weekend one does not) whatever day it runs on.
 */
import path from 'node:path';
import { loadCalendar } from '../../src/config/calendar-loader';
import { loadPolicy } from '../../src/config/policy-loader';
import { addDays, zonedInstant, zonedMinute } from '../../src/domain/dates';

/** Minutes before the start of work at which the first agent clocks in. */
const EARLIEST_BEFORE_START = 15;
/** The agents arrive over this many minutes, one minute apart: the last few are late (H-11). */
const SPREAD_MINUTES = 20;

/** The stamp of agent `i`'s clock-in: from 15 minutes before the start of work, over 20 minutes. */
export function morningRush(root = process.cwd()): (i: number) => Date {
  const policy = loadPolicy(path.join(root, 'config/policy.yaml'));
  const calendar = loadCalendar(policy.calendar.overridesFile);
  let day = addDays(zonedMinute(new Date(), policy.timezone).date, -1);
  while (!calendar.isWorkday(day)) day = addDays(day, -1);
  const first = policy.workHours.start - EARLIEST_BEFORE_START;
  const stamps = Array.from({ length: SPREAD_MINUTES }, (_, k) => zonedInstant(day, first + k, policy.timezone));
  return (i) => stamps[i % SPREAD_MINUTES];
}
