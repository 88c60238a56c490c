import type { IncomingEvent } from './incoming-event';
import type { ReplyIntent } from './reply-intent';
import type { TurnContext } from './turn-context';

/**
 * The replies of a click turn once its synchronous answer is settled: when the platform's
 * answer will carry the new card, every card update of the turn skips the clicked message and
 * waits until the answer has been applied; when it will not (too late, or the card does not fit
 * the answer), the answer drops the card and the outbox updates the clicked message as well.
 */
export function settleInlineAnswer(event: IncomingEvent, turn: TurnContext): ReplyIntent[] {
  const card = turn.immediate?.card;
  if (event.type !== 'card-action' || !card || !event.inlineAnswer) return turn.replies;
  if (!event.cardMessageId || !event.inlineAnswer.claim(card)) {
    turn.immediate = { ...turn.immediate, card: undefined };
    return turn.replies;
  }
  const answered = { messageId: event.cardMessageId, settleMs: event.inlineAnswer.settleMs };
  return turn.replies.map((r) => (r.kind === 'update' ? { ...r, answered } : r));
}
