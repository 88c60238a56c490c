export { addManualEntry, findMisconduct, reverseEntry, type ManualEntryInput } from './manual-entries';
export { reconcileSources, type DesiredEntry, type ReconcileResult, type SourceWish } from './reconcile';
export { sourceIdOf, type AutoSource } from './ledger-keys';
export { monthStatement, type MonthStatement, type StatementLine } from './statement';
