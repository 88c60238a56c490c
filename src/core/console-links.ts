/** A sign-in link to the web console: its URL (with the one-time token) and when it stops working. */
export interface ConsoleLink {
  url: string;
  expiresAt: Date;
}

/**
 * One-time sign-in links to the web console (`后台`): `issue` stores a new random token's hash
 * for the employee and returns PUBLIC_URL/admin/login?t=TOKEN; services/console implements it,
 * the wiring gives it PUBLIC_URL.
 */
export interface ConsoleLinks {
  issue(employeeId: number, now: Date): Promise<ConsoleLink>;
}
