/** The application's clock: every business time not stamped by a platform comes from here. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that shows a fixed time until moved (tests, the web demo). */
export class ManualClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  /** Sets the time. */
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }

  /** Moves the time forward by `ms`. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
