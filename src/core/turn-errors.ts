/** A turn ran past its time budget (policy chat.turnBudgetSeconds). */
export class TurnOverBudgetError extends Error {
  readonly code = 'TURN_OVER_BUDGET';
  constructor(readonly budgetMs: number) {
    super(`the turn ran past its budget of ${budgetMs} ms`);
    this.name = 'TurnOverBudgetError';
  }
}
