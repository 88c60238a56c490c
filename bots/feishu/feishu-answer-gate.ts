import type { InlineCardAnswer } from '../../src/core/incoming-event';
import type { NeutralCard } from '../../src/core/neutral-card';
import { cardFits } from './feishu-card-limits';
import { renderCard } from './feishu-card-renderer';

/**
 * How long after a click's commit Feishu may still be applying the card of its answer: the
 * callback must be answered within 3 s (docs/platforms/feishu.md §2.4), so by then the answer
 * has been applied or given up. The other copies of the card are updated after it.
 */
export const CALLBACK_SETTLE_MS = 3000;

/**
 * Decides, once, whether a click's answer carries the new card. The turn claims it inside its
 * transaction; the webhook closes it when the click's budget runs out. Whichever comes first
 * wins: a claimed answer is waited for (its commit is under way), a closed one goes with a toast
 * only and the outbox updates the clicked message too.
 */
export class CallbackAnswerGate implements InlineCardAnswer {
  private state: 'open' | 'claimed' | 'closed' = 'open';

  constructor(readonly settleMs = CALLBACK_SETTLE_MS) {}

  /** True when the answer will carry `card`: in time, and within Feishu's card limits. */
  claim(card: NeutralCard): boolean {
    if (this.state === 'open') this.state = cardFits(renderCard(card)) ? 'claimed' : 'closed';
    return this.state === 'claimed';
  }

  /** The budget ran out: true when the answer may go now without the card (nobody claimed it). */
  close(): boolean {
    if (this.state === 'open') this.state = 'closed';
    return this.state === 'closed';
  }
}
