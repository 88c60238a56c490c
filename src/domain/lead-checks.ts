/**
 * The three checks of a qualification (H-4): a field salesperson has visited the customer
 * (业务员访问过), the customer file is complete (客户档案填写完好) and the salesperson has
 * signed it off (业务人员签字确认). A lead counts for pay only when all three are stated.
 */
export const QUALIFY_CHECKS = ['已拜访', '档案完整', '已签字'] as const;

/** One of the three checks. */
export type QualifyCheck = (typeof QUALIFY_CHECKS)[number];

/** The checks a typed note states, each by its own word (`确认 C310 已拜访 档案完整 已签字`). */
export function checksIn(text: string): QualifyCheck[] {
  return QUALIFY_CHECKS.filter((c) => text.includes(c));
}

/** The checks not among `stated`, in the handbook's order. */
export function missingChecks(stated: readonly string[]): QualifyCheck[] {
  return QUALIFY_CHECKS.filter((c) => !stated.includes(c));
}
