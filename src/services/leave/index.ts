export { decideLeave, type LeaveDecisionResult } from './leave-decision-service';
export { describeSpan, kindName, STATUS_NAME } from './leave-format';
export { requestLeave, withdrawLeave, type LeaveKind, type LeaveRequestResult } from './leave-request-service';
export { attachSickNote, type ReceivedFile } from './sick-note-service';
export type { LeaveRequest } from '../../db/entities';
export { leaveDeciders, leaveMonthSoFar, leaveWithPeople } from './leave-queries';
