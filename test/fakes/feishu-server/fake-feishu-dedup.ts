import type { RouteAnswer } from './fake-feishu-routes';
import type { FakeFeishuState } from './fake-feishu-state';

/** Why: Feishu sends at most one message per `uuid` within 1 h; a uuid has at most 50 characters (docs/platforms/feishu.md §3.2). */
const UUID_WINDOW_MS = 60 * 60 * 1000;
const UUID_MAX_LENGTH = 50;

/**
 * Runs a send or reply (`deliver`) under Feishu's `uuid` rule: a uuid seen within the hour gets
 * the first message's answer and delivers nothing; a malformed uuid is refused.
 */
export function withUuid(state: FakeFeishuState, body: any, deliver: () => RouteAnswer): RouteAnswer {
  const uuid: unknown = body?.uuid;
  if (uuid === undefined) return deliver();
  if (typeof uuid !== 'string' || !uuid || uuid.length > UUID_MAX_LENGTH) return { status: 400, body: { code: 99992402, msg: 'field validation failed: uuid must be 1..50 characters' } };
  const first = state.uuids.repeat(uuid, UUID_WINDOW_MS);
  if (first) return first;
  const answer = deliver();
  if (answer.status === 200) state.uuids.remember(uuid, answer);
  return answer;
}
