import path from 'node:path';
import { loadPolicy } from '../../../src/config/policy-loader';
import { DayFacts, IncidentCode, judgeDay, judgeMeeting } from '../../../src/domain/day-judgement';
import { zonedMinute } from '../../../src/domain/dates';

const policy = loadPolicy(path.join(__dirname, '../../../config/policy.yaml'));
const TZ = policy.timezone;

/** Minutes after midnight. */
const t = (h: number, m = 0): number => h * 60 + m;
/** The minute (seconds truncated) of a real instant, in the company's zone. */
const at = (iso: string): number => zonedMinute(new Date(iso), TZ).minute;

/** A normal day: on time in and out, checked in to the meeting at 17:00, a 1000-yuan base. */
const day = (f: Partial<DayFacts> = {}): DayFacts => ({
  ins: [t(9)],
  outs: [t(18)],
  leave: 'none',
  checkin: t(17),
  baseFen: 100000,
  ...f,
});

// The handbook's numbers for a 1000-yuan base (edges "Money and months").
const MINOR = { points: -2, fineFen: 1000 };
const HALF = { points: -5, fineFen: 6897 };
const WHOLE = { points: -10, fineFen: 13793 };
const MEETING = { points: -2, fineFen: 0 };

type Expected = [IncidentCode, { points: number; fineFen: number }, number?];
type Row = [string, DayFacts, string, Expected[]];

/** Runs the rows: status and every incident (code, points, fine, minutes) in order. */
function check(rows: Row[]) {
  test.each(rows)('%s', (_title, facts, status, expected) => {
    const v = judgeDay(facts, policy);
    expect(v.status).toBe(status);
    expect(v.incidents.map((i) => ({ code: i.code, points: i.points, fineFen: i.fineFen, minutes: i.minutes }))).toEqual(
      expected.map(([code, p, minutes]) => ({ code, points: p.points, fineFen: p.fineFen, minutes })),
    );
  });
}

describe('judgeDay: lateness (H-11, edges "Time and minutes")', () => {
  check([
    ['H-11 09:00 is on time', day(), 'ok', []],
    ['H-11 09:00:59 (2026-12-03T01:00:59Z) is truncated to 09:00: on time', day({ ins: [at('2026-12-03T01:00:59Z')] }), 'ok', []],
    ['H-11 09:01:00 (2026-12-03T01:01:00Z) is 1 minute late: −2, 10 yuan', day({ ins: [at('2026-12-03T01:01:00Z')] }), 'incidents', [['late', MINOR, 1]]],
    ['H-11 09:01 is 1 minute late', day({ ins: [t(9, 1)] }), 'incidents', [['late', MINOR, 1]]],
    ['H-11 09:30 is 30 minutes late: "up to 30" includes 30', day({ ins: [t(9, 30)] }), 'incidents', [['late', MINOR, 30]]],
    ['H-11 09:31 is more than 30: half a day absent (−5, 6897 fen)', day({ ins: [t(9, 31)] }), 'absent-half', [['late-half', HALF, 31]]],
    ['H-11 a first clock-in at 13:30 is a half day', day({ ins: [t(13, 30)] }), 'absent-half', [['late-half', HALF, 270]]],
    ['H-11 a first clock-in at 13:31 is a whole day absent (−10, 13793 fen)', day({ ins: [t(13, 31)] }), 'absent-day', [['absent-day', WHOLE]]],
    ['H-11 13:31 with no meeting check-in is still the only entry', day({ ins: [t(13, 31)], checkin: null }), 'absent-day', [['absent-day', WHOLE]]],
    ['H-11 the first clock-in counts (08:55 then 09:20)', day({ ins: [t(9, 20), t(8, 55)] }), 'ok', []],
    ['H-11 early arrival is not a credit', day({ ins: [t(8)] }), 'ok', []],
  ]);
});

describe('judgeDay: early leave (H-11, edges "Time and minutes")', () => {
  check([
    ['H-11 a clock-out at 17:59:30 (2026-12-03T09:59:30Z) is 1 minute early', day({ outs: [at('2026-12-03T09:59:30Z')] }), 'incidents', [['early', MINOR, 1]]],
    ['H-11 18:00 is on time', day({ outs: [t(18)] }), 'ok', []],
    ['H-11 staying late is fine', day({ outs: [t(20, 15)] }), 'ok', []],
    ['H-11 17:30 is 30 minutes early: minor', day({ outs: [t(17, 30)] }), 'incidents', [['early', MINOR, 30]]],
    ['H-11 17:29 is 31 minutes early: half a day', day({ outs: [t(17, 29)] }), 'absent-half', [['early-half', HALF, 31]]],
    ['H-11 a last clock-out at 11:30 is a half day', day({ outs: [t(11, 30)] }), 'absent-half', [['early-half', HALF, 390]]],
    ['H-11 11:30 out and no meeting check-in: half day plus H-12 absent', day({ outs: [t(11, 30)], checkin: null }), 'absent-half', [['early-half', HALF, 390], ['meeting-absent', MEETING]]],
    ['H-11 a last clock-out at 11:29 is a whole day absent, the only entry', day({ outs: [t(11, 29)], checkin: null }), 'absent-day', [['absent-day', WHOLE]]],
    ['H-11 the last clock-out counts (17:00 then 18:00)', day({ outs: [t(17), t(18)] }), 'ok', []],
  ]);
});

describe('judgeDay: late and early the same day are two incidents (H-11)', () => {
  check([
    ['H-11 09:31 in and 17:29 out: two half days (−10, 2 × 6897 fen)', day({ ins: [t(9, 31)], outs: [t(17, 29)] }), 'absent-half', [['late-half', HALF, 31], ['early-half', HALF, 31]]],
    ['H-11 09:10 in and 17:50 out: two minor incidents', day({ ins: [t(9, 10)], outs: [t(17, 50)] }), 'incidents', [['late', MINOR, 10], ['early', MINOR, 10]]],
    ['H-11 13:31 in and 17:00 out: the whole day is the only entry', day({ ins: [t(13, 31)], outs: [t(17)] }), 'absent-day', [['absent-day', WHOLE]]],
  ]);

  test('H-11 two half days add up to −10 points and 13794 fen', () => {
    const v = judgeDay(day({ ins: [t(9, 31)], outs: [t(17, 29)] }), policy);
    expect(v.incidents.reduce((s, i) => s + i.points, 0)).toBe(-10);
    expect(v.incidents.reduce((s, i) => s + i.fineFen, 0)).toBe(2 * 6897);
  });
});

describe('judgeDay: missing punches (H-11, edges)', () => {
  check([
    ['H-11 clock-in only: missing clock-out (−2, 10 yuan)', day({ outs: [] }), 'incidents', [['missing-out', MINOR]]],
    ['H-11 clock-in only, 09:10: late plus missing clock-out', day({ ins: [t(9, 10)], outs: [] }), 'incidents', [['late', MINOR, 10], ['missing-out', MINOR]]],
    ['H-11 clock-in only, 09:45: half day plus missing clock-out', day({ ins: [t(9, 45)], outs: [] }), 'absent-half', [['late-half', HALF, 45], ['missing-out', MINOR]]],
    ['H-11 clock-in only, 13:31: whole day, the only entry', day({ ins: [t(13, 31)], outs: [] }), 'absent-day', [['absent-day', WHOLE]]],
    ['H-11 clock-out only: missing clock-in', day({ ins: [] }), 'incidents', [['missing-in', MINOR]]],
    ['H-11 clock-out only, 17:45: missing clock-in plus 15 minutes early', day({ ins: [], outs: [t(17, 45)] }), 'incidents', [['missing-in', MINOR], ['early', MINOR, 15]]],
    ['H-11 clock-out only, 16:00: missing clock-in plus half day', day({ ins: [], outs: [t(16)] }), 'absent-half', [['missing-in', MINOR], ['early-half', HALF, 120]]],
    ['H-11 no punch, no leave: a whole day absent', day({ ins: [], outs: [], checkin: null }), 'absent-day', [['absent-day', WHOLE]]],
    ['H-11/H-12 no punch but a meeting check-in: still only the whole day', day({ ins: [], outs: [] }), 'absent-day', [['absent-day', WHOLE]]],
    ['H-14 no punch with morning leave: that half day absent (−5, 6897)', day({ ins: [], outs: [], leave: 'am', checkin: null }), 'absent-half', [['absent-half', HALF]]],
    ['H-14 no punch with afternoon leave: that half day absent (−5, 6897)', day({ ins: [], outs: [], leave: 'pm', checkin: null }), 'absent-half', [['absent-half', HALF]]],
  ]);
});

describe('judgeDay: approved half-day leave moves the expected hours (H-14, edges)', () => {
  check([
    ['H-14 morning leave: expected start 13:00, 13:00 in is on time', day({ leave: 'am', ins: [t(13)] }), 'ok', []],
    ['H-14 morning leave: 13:10 in is 10 minutes late', day({ leave: 'am', ins: [t(13, 10)] }), 'incidents', [['late', MINOR, 10]]],
    ['H-14 morning leave: 13:30 in is 30 minutes late, minor', day({ leave: 'am', ins: [t(13, 30)] }), 'incidents', [['late', MINOR, 30]]],
    ['H-14 morning leave: 13:31 in costs at most a half day', day({ leave: 'am', ins: [t(13, 31)] }), 'absent-half', [['absent-half', HALF]]],
    ['H-14 morning leave: 14:00 in and 17:00 out, capped at a half day', day({ leave: 'am', ins: [t(14)], outs: [t(17)] }), 'absent-half', [['absent-half', HALF]]],
    ['H-14 morning leave: 13:45 in and no meeting check-in, capped at a half day', day({ leave: 'am', ins: [t(13, 45)], checkin: null }), 'absent-half', [['absent-half', HALF]]],
    ['H-14 morning leave: minor incidents past −5 are capped at a half day\'s points, keeping their fines', day({ leave: 'am', ins: [t(13, 10)], outs: [t(17, 50)], checkin: null }), 'incidents', [['half-capped', { points: -5, fineFen: 2000 }]]],
    ['H-14 morning leave on a 280-yuan base: two minor fines are capped at the half day\'s fine (1931 fen)', day({ leave: 'am', ins: [t(13, 10)], outs: [t(17, 50)], baseFen: 28000 }), 'incidents', [['half-capped', { points: -4, fineFen: 1931 }]]],
    ['H-14 morning leave: the meeting is still judged (H-12)', day({ leave: 'am', ins: [t(13)], checkin: null }), 'incidents', [['meeting-absent', MEETING]]],
    ['H-14 afternoon leave: expected end 12:00, 12:00 out is fine and the meeting is excused', day({ leave: 'pm', outs: [t(12)], checkin: null }), 'ok', []],
    ['H-14 afternoon leave: 11:45 out is 15 minutes early', day({ leave: 'pm', outs: [t(11, 45)], checkin: null }), 'incidents', [['early', MINOR, 15]]],
    ['H-14 afternoon leave: 11:30 out is 30 minutes early, minor', day({ leave: 'pm', outs: [t(11, 30)], checkin: null }), 'incidents', [['early', MINOR, 30]]],
    ['H-14 afternoon leave: 11:29 out costs at most a half day', day({ leave: 'pm', outs: [t(11, 29)], checkin: null }), 'absent-half', [['absent-half', HALF]]],
    ['H-14 afternoon leave: 09:45 in and 11:00 out, capped at a half day', day({ leave: 'pm', ins: [t(9, 45)], outs: [t(11)], checkin: null }), 'absent-half', [['absent-half', HALF]]],
    ['H-14 afternoon leave: 09:31 in alone is exactly a half day', day({ leave: 'pm', ins: [t(9, 31)], outs: [t(12)], checkin: null }), 'absent-half', [['late-half', HALF, 31]]],
    ['H-14 whole-day leave: not judged, even with no punch', day({ leave: 'full', ins: [], outs: [], checkin: null }), 'leave', []],
    ['H-14 whole-day leave: not judged, whatever punches', day({ leave: 'full', ins: [t(15)], outs: [t(10)], checkin: t(17, 30) }), 'leave', []],
  ]);
});

describe('judgeDay: the meeting (H-12, edges "Meetings and summaries")', () => {
  check([
    ['H-12 check-in 16:30 is on time', day({ checkin: t(16, 30) }), 'ok', []],
    ['H-12 check-in 16:29 does not count: absent (−2)', day({ checkin: t(16, 29) }), 'incidents', [['meeting-absent', MEETING]]],
    ['H-12 check-in 17:05:59 (2026-12-03T09:05:59Z) is on time', day({ checkin: at('2026-12-03T09:05:59Z') }), 'ok', []],
    ['H-12 check-in 17:06 is late (−2)', day({ checkin: t(17, 6) }), 'incidents', [['meeting-late', MEETING]]],
    ['H-12 no check-in is absent (−2)', day({ checkin: null }), 'incidents', [['meeting-absent', MEETING]]],
    ['H-12 a whole day absent covers the meeting', day({ ins: [t(13, 31)], checkin: null }), 'absent-day', [['absent-day', WHOLE]]],
    ['H-12 a half day absent does not cover the meeting', day({ ins: [t(10)], checkin: null }), 'absent-half', [['late-half', HALF, 60], ['meeting-absent', MEETING]]],
  ]);

  test.each<[string, number | null, IncidentCode | null]>([
    ['H-12 16:29 is before the check-in opens: absent', t(16, 29), 'meeting-absent'],
    ['H-12 16:30 opens the check-in: on time', t(16, 30), null],
    ['H-12 17:00 on time', t(17), null],
    ['H-12 17:05 is within the grace: on time', t(17, 5), null],
    ['H-12 17:05:59 truncated to 17:05: on time', at('2026-12-03T09:05:59Z'), null],
    ['H-12 17:06:00 is late', at('2026-12-03T09:06:00Z'), 'meeting-late'],
    ['H-12 17:06 late', t(17, 6), 'meeting-late'],
    ['H-12 18:00 still late', t(18), 'meeting-late'],
    ['H-12 18:01 is after the meeting: absent', t(18, 1), 'meeting-absent'],
    ['H-12 no check-in: absent', null, 'meeting-absent'],
  ])('judgeMeeting: %s', (_title, checkin, code) => {
    const m = judgeMeeting(checkin, policy);
    if (code === null) expect(m).toBeNull();
    else expect(m).toEqual({ code, rule: 'H-12', points: -2, fineFen: 0 });
  });
});

describe("judgeDay: each employee's own base (edges \"Who\", H-9)", () => {
  const WHOLE_120K = Math.round((120000 * 3) / 21.75); // 16551.72… → 16552
  const HALF_120K = Math.round((120000 * 1.5) / 21.75); // 8275.86… → 8276
  check([
    ['H-11/H-9 base 120000 fen: whole day = round(120000 × 3 / 21.75)', day({ ins: [], outs: [], checkin: null, baseFen: 120000 }), 'absent-day', [['absent-day', { points: -10, fineFen: WHOLE_120K }]]],
    ['H-11/H-9 base 120000 fen: half day = round(120000 × 1.5 / 21.75)', day({ ins: [t(9, 31)], baseFen: 120000 }), 'absent-half', [['late-half', { points: -5, fineFen: HALF_120K }, 31]]],
    ['H-11 base 120000 fen: the minor fine is still 10 yuan', day({ ins: [t(9, 1)], baseFen: 120000 }), 'incidents', [['late', MINOR, 1]]],
  ]);

  test('H-9 the hand-computed 120000-fen values', () => {
    expect(WHOLE_120K).toBe(16552);
    expect(HALF_120K).toBe(8276);
  });
});

describe('judgeDay: every incident names its rule and the minutes it counts', () => {
  test.each<[string, DayFacts, number, number]>([
    ['H-11 lateness counts minutes from 09:00', day({ ins: [t(9, 17)] }), 17, 0],
    ['H-11 early leave counts minutes to 18:00', day({ outs: [t(17, 42)] }), 0, 18],
    ['H-14 lateness counts from 13:00 with morning leave', day({ leave: 'am', ins: [t(13, 7)] }), 7, 0],
    ['H-14 early leave counts to 12:00 with afternoon leave', day({ leave: 'pm', outs: [t(11, 50)], checkin: null }), 0, 10],
  ])('%s', (_title, facts, late, early) => {
    const v = judgeDay(facts, policy);
    expect([v.lateMinutes, v.earlyMinutes]).toEqual([late, early]);
    for (const i of v.incidents) expect(i.rule).toBe(i.code.startsWith('meeting') ? 'H-12' : 'H-11');
  });
});
