/** The command-line options the month-end and console benches share. */

/** `--name value` of argv, or undefined. */
export function optionOf(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** `--db mysql|sqlite` (mysql by default) and `--employees N` (1,000 by default, at least 3). */
export function dbAndEmployees(argv: string[]): { db: 'mysql' | 'sqlite'; employees: number } {
  const db = optionOf(argv, 'db') ?? 'mysql';
  if (db !== 'mysql' && db !== 'sqlite') throw new Error('--db must be mysql or sqlite');
  const employees = Number(optionOf(argv, 'employees') ?? 1000);
  if (!Number.isInteger(employees) || employees < 3) throw new Error('--employees must be an integer ≥ 3');
  return { db, employees };
}
