import type { Role } from '../domain/roles';

/** The roles in the users' words. */
export const ROLE_NAMES: Record<Role, string> = { agent: '电话销售员', supervisor: '主管', salesperson: '业务员', admin: '管理员' };
