/** A configuration problem found at start: one message that names every wrong variable. */
export class ConfigError extends Error {
  /** One line per problem, each starting with the variable or the policy path. */
  readonly problems: string[];

  constructor(title: string, problems: string[]) {
    super(`${title}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
