export {
  approvedCorrectionsInMonth, CORRECTION_EXAMPLE, correctionKindName, decideCorrection, requestCorrection, type CorrectionDecision, type CorrectionKind,
} from './correction-service';
