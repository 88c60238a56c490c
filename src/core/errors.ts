/**
 * A mistake the user can fix: its message is a short Chinese sentence shown as the reply, with
 * one correct example when there is one. Nothing was stored when it is thrown.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** One correct way to say it, e.g. `请假 事假 12月3日 全天 家里有事`. */
    readonly example?: string,
    /** A machine-readable reason for tests and logs, e.g. 'leave.notice'. */
    readonly code = 'user',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** The actor may not do this (role or team); the message says who may. */
export class ForbiddenError extends UserError {
  constructor(message: string, code = 'forbidden') {
    super(message, undefined, code);
    this.name = 'ForbiddenError';
  }
}

/** The thing named does not exist (or is not visible to the actor). */
export class NotFoundError extends UserError {
  constructor(message: string, code = 'not-found') {
    super(message, undefined, code);
    this.name = 'NotFoundError';
  }
}

/** Someone else changed it first (two supervisors deciding one request at once). */
export class ConflictError extends UserError {
  constructor(message: string, code = 'conflict') {
    super(message, undefined, code);
    this.name = 'ConflictError';
  }
}
