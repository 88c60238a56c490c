import type { Role } from './roles';

/** An employee as the rules and the chat core see one (the database row has this shape). */
export interface EmployeeRecord {
  id: number;
  no: string;
  name: string;
  role: Role;
  teamId: number | null;
  baseSalaryFen: number | null;
  startDate: string | null;
  endDate: string | null;
  createdAt: Date;
  updatedAt: Date;
}
