import { canonicalJson } from '../dedup-window';
import type { ApiAnswer } from './fake-wecom-api';
import type { ApiRecord, FakeWecomState } from './fake-wecom-state';

/** Why: the interval defaults to 1800 s and is at most 4 h (docs/platforms/wecom.md §3.2). */
const DEFAULT_INTERVAL_S = 1800;
const MAX_INTERVAL_S = 14_400;

/** The request without its duplicate-check fields: equal messages compare equal whichever asked for the check. */
const content = (body: any): string => {
  const { enable_duplicate_check: _on, duplicate_check_interval: _interval, ...rest } = body ?? {};
  return canonicalJson(rest);
};

/**
 * Runs a message/send (`deliver`) under WeCom's duplicate check: with `enable_duplicate_check:
 * 1`, a request equal to one delivered within `duplicate_check_interval` seconds is not
 * delivered again. What WeCom answers then is not documented; the fake answers as it did the
 * first time and flags the record 'duplicate'.
 */
export function withDuplicateCheck(s: FakeWecomState, r: ApiRecord, deliver: () => ApiAnswer): ApiAnswer {
  const on = r.body?.enable_duplicate_check;
  if (on !== undefined && on !== 0 && on !== 1) return { json: { errcode: 40058, errmsg: 'enable_duplicate_check must be 0 or 1' } };
  if (on === 1) {
    const interval = r.body.duplicate_check_interval ?? DEFAULT_INTERVAL_S;
    if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL_S) return { json: { errcode: 40058, errmsg: `duplicate_check_interval must be 1..${MAX_INTERVAL_S} seconds` } };
    const first = s.sentJson.repeat(content(r.body), interval * 1000);
    if (first) {
      r.flags.push('duplicate');
      return first;
    }
  }
  const answer = deliver();
  if (answer.json?.errcode === 0) s.sentJson.remember(content(r.body), answer);
  return answer;
}
