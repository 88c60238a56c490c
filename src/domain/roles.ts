/** The four roles of the handbook's terms: 电话销售员, 主管, 业务员, HR/finance admin. */
export const ROLES = ['agent', 'supervisor', 'salesperson', 'admin'] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];
