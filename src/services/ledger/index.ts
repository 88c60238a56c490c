export { addManualEntry, findMisconduct, reverseEntry, type ManualEntryInput } from './manual-entries';
export { reconcile, type DesiredEntry, type ReconcileResult } from './reconcile';
export { sourceIdOf, type AutoSource } from './ledger-keys';
export { monthStatement, type MonthStatement, type StatementLine } from './statement';
