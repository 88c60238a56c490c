/**
 * One user of a platform's directory, as `org sync` reads it: the account id to bind, the
 * employee number the platform keeps (Feishu `employee_no`; WeCom: the userid itself), the
 * mobile when the platform gives it, and the name for the report.
 */
export interface DirectoryUser {
  externalId: string;
  name: string;
  no?: string;
  mobile?: string;
}
