import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex, TableUnique } from 'typeorm';

// Written with the QueryRunner Table API so this one file runs on SQLite and MySQL/MariaDB.
// Self-contained on purpose: a landed migration never changes, so it shares no helper.

const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
const int = (name: string, nullable = false, dflt?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable, default: dflt });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const date = (name: string, nullable = false): TableColumnOptions => str(name, 10, nullable);
const bool = (name: string, dflt?: boolean): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, default: dflt });
const stamps = (): TableColumnOptions[] => [instant('created_at'), instant('updated_at')];
const uq = (name: string, columnNames: string[]) => new TableUnique({ name, columnNames });
const ix = (name: string, columnNames: string[]) => new TableIndex({ name, columnNames });

interface Spec {
  name: string;
  columns: TableColumnOptions[];
  uniques?: TableUnique[];
  indices?: TableIndex[];
}

function tables(mysql: boolean): Spec[] {
  return [
    { name: 'teams', columns: [id(), str('name', 64), int('supervisor_id', true), text('chats', true), ...stamps()], uniques: [uq('uq_team_name', ['name'])] },
    {
      name: 'employees',
      columns: [id(), str('no', 32), str('name', 64), str('role', 16), int('team_id', true), int('base_salary_fen', true), date('start_date', true), date('end_date', true), ...stamps()],
      uniques: [uq('uq_employee_no', ['no'])],
      indices: [ix('ix_employee_team', ['team_id'])],
    },
    {
      name: 'platform_identities',
      columns: [id(), str('platform', 16), str('external_id', 128), int('employee_id'), ...stamps()],
      uniques: [uq('uq_identity_external', ['platform', 'external_id']), uq('uq_identity_employee', ['employee_id', 'platform'])],
    },
    {
      name: 'daily_reports',
      columns: [id(), int('employee_id'), date('work_date'), int('calls'), text('note', true), instant('sent_at'), str('source_event', 191, true), ...stamps()],
      uniques: [uq('uq_report_day', ['employee_id', 'work_date'])],
    },
    {
      name: 'customer_records',
      columns: [
        id(), int('agent_id'), date('work_date'), str('company', 128), str('contact', 64), str('title_phone', 255), str('phone', 20, true),
        str('headcount', 32), str('it_status', 255), str('grade', 1), bool('complete'), int('visited_by', true), int('qualified_by', true),
        instant('qualified_at', true), text('qualification_note', true), instant('sent_at'), ...stamps(),
      ],
      uniques: [uq('uq_record_phone', ['agent_id', 'work_date', 'phone'])],
      indices: [ix('ix_record_qualified', ['qualified_at'])],
    },
    {
      name: 'weekly_summaries',
      columns: [id(), int('employee_id'), date('week'), text('text'), instant('sent_at'), ...stamps()],
      uniques: [uq('uq_summary_week', ['employee_id', 'week'])],
    },
    {
      name: 'leave_requests',
      columns: [
        id(), int('employee_id'), str('kind', 16), date('start_date'), str('start_half', 2), date('end_date'), str('end_half', 2), text('reason'),
        str('status', 16), int('filed_by'), instant('requested_at'), int('decided_by', true), instant('decided_at', true), text('decision_note', true),
        int('attachment_id', true), ...stamps(),
      ],
      indices: [ix('ix_leave_employee', ['employee_id', 'start_date'])],
    },
    {
      name: 'punches',
      columns: [id(), int('employee_id'), date('work_date'), instant('at'), str('kind', 3), str('source_event', 191, true), instant('created_at')],
      indices: [ix('ix_punch_day', ['employee_id', 'work_date'])],
    },
    {
      name: 'attendance_days',
      columns: [id(), int('employee_id'), date('work_date'), str('status', 32), int('late_minutes', false, 0), int('early_minutes', false, 0), bool('provisional', false), instant('judged_at')],
      uniques: [uq('uq_attendance_day', ['employee_id', 'work_date'])],
    },
    {
      name: 'meeting_checkins',
      columns: [id(), int('employee_id'), date('work_date'), instant('at'), str('source_event', 191, true), instant('created_at')],
      uniques: [uq('uq_checkin_day', ['employee_id', 'work_date'])],
    },
    {
      name: 'point_entries',
      columns: [
        id(), int('employee_id'), str('month', 7), date('work_date'), int('points'), int('fine_fen', false, 0), str('rule', 8), str('code', 64),
        str('source_type', 16), str('source_id', 96), int('generation', false, 0), text('reason', true), int('created_by', true), int('reverses_id', true),
        instant('created_at'),
      ],
      uniques: [uq('uq_point_live', ['code', 'source_type', 'source_id', 'generation']), uq('uq_point_reverses', ['reverses_id'])],
      indices: [ix('ix_point_month', ['employee_id', 'month'])],
    },
    {
      name: 'collections',
      columns: [id(), int('agent_id'), int('amount_fen', false, 0), text('customer'), date('recorded_on'), str('month', 7), int('recorded_by'), instant('created_at')],
      indices: [ix('ix_collection_month', ['agent_id', 'month'])],
    },
    {
      name: 'payslips',
      columns: [
        id(), int('employee_id'), str('month', 7), int('revision', false, 1), int('base_fen', false, 0), int('valid_calls', false, 0), int('call_pay_fen', false, 0),
        int('a_leads', false, 0), int('b_leads', false, 0), int('lead_bonus_fen', false, 0), int('collected_fen', false, 0), int('commission_fen', false, 0),
        int('score'), int('score_bonus_fen', false, 0), int('fines_fen', false, 0), int('total_fen', false, 0), text('items'), instant('created_at'),
      ],
      uniques: [uq('uq_payslip_revision', ['employee_id', 'month', 'revision'])],
    },
    {
      name: 'attachments',
      columns: [
        id(), int('employee_id'), str('platform', 16), str('platform_key', 255), str('file_name', 255, true), str('mime_type', 100, true), int('size'),
        { name: 'content', type: mysql ? 'mediumblob' : 'blob', isNullable: false }, instant('created_at'),
      ],
    },
    {
      name: 'processed_events',
      columns: [id(), str('platform', 16), str('dedup_key', 191), instant('event_at'), instant('received_at')],
      uniques: [uq('uq_event_key', ['platform', 'dedup_key'])],
      indices: [ix('ix_event_received', ['received_at'])],
    },
    {
      name: 'outbox',
      columns: [
        id(), str('platform', 16), { ...text('payload'), type: mysql ? 'mediumtext' : 'text' }, str('dedup_key', 191, true), str('status', 16),
        int('attempts', false, 0), instant('next_attempt_at'), text('last_error', true), str('claimed_by', 64, true), instant('claimed_until', true),
        instant('created_at'), instant('sent_at', true),
      ],
      uniques: [uq('uq_outbox_dedup', ['dedup_key'])],
      indices: [ix('ix_outbox_due', ['status', 'next_attempt_at'])],
    },
    {
      name: 'job_runs',
      columns: [id(), str('job', 32), str('slot', 10), str('status', 16), str('runner', 64), int('runs', false, 1), instant('started_at'), instant('finished_at', true), text('outcome', true)],
      uniques: [uq('uq_job_slot', ['job', 'slot'])],
    },
    { name: 'leases', columns: [{ ...str('name', 64), isPrimary: true }, str('holder', 64), instant('expires_at')] },
    {
      name: 'audit_log',
      columns: [id(), int('actor_id', true), str('actor', 64, true), str('action', 64), str('subject_type', 32, true), str('subject_id', 64, true), text('details', true), instant('at')],
      indices: [ix('ix_audit_at', ['at'])],
    },
  ];
}

/** Every table of docs/architecture.md's data section, with its unique keys. */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    for (const t of tables(mysql)) {
      await q.createTable(new Table({ name: t.name, columns: t.columns, uniques: t.uniques, indices: t.indices }));
      // utf8mb4 for Chinese text, binary collation so keys compare exactly as on SQLite.
      if (mysql) await q.query(`ALTER TABLE \`${t.name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of tables(q.connection.options.type === 'mysql').reverse()) await q.dropTable(t.name);
  }
}
