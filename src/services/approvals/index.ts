export { assertMayDecide, cardRecipients, decidersOf, requestRecipients, type Deciders, type DecisionBasis, type RequestLetter } from './deciders';
export { cancelDelegation, delegate, DELEGATION_EXAMPLE, handoversOn, type DelegationResult } from './delegation-service';
export { pendingRequests, pendingRequestsFor, type PendingRequest } from './pending-requests';
export { appealView, correctionView, type AppealView, type CorrectionView, type PunchView } from './request-views';
