/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings and booleans
 * are 0/1 on both databases, so that rows read the same on SQLite and
 * PostgreSQL. Every table carries government_id (the tenant).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Id = Generated<number>;
type Version = ColumnType<number, number | undefined, number>;

export interface GovernmentTable {
  id: Id;
  name: string;
  created_at: string;
  /** The government above; null at the top of its tree (and in a single-government install). */
  parent_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface UnitTable {
  id: Id;
  government_id: number;
  name: string;
  /** department, town, group (a placeholder such as 各镇街), other */
  kind: string;
  version: Version;
  created_at: string;
  updated_at: string;
}

export interface UnitAliasTable {
  id: Id;
  government_id: number;
  unit_id: number;
  alias: string;
}

export interface UnitGroupMemberTable {
  government_id: number;
  group_id: number;
  member_id: number;
}

export interface LeaderTable {
  id: Id;
  government_id: number;
  name: string;
  title: string | null;
  version: Version;
  created_at: string;
  updated_at: string;
}

export interface PlanTable {
  id: Id;
  government_id: number;
  year: number;
  doc_number: string | null;
  title: string;
  issuer: string | null;
  issued_on: string | null;
  /** Number of the plan version in force. */
  current_version: number;
  version: Version;
  created_at: string;
  updated_at: string;
  /** When the plan was archived (read only from then on); null while in use. */
  archived_at: string | null;
  archived_by: number | null;
  archive_reason: string | null;
}

export interface PlanVersionTable {
  id: Id;
  government_id: number;
  plan_id: number;
  number: number;
  /** SM3 of the imported file: the same file imported again changes nothing. */
  source_hash: string;
  source_name: string;
  imported_by: number | null;
  imported_at: string;
  /** JSON: counts of added, changed, removed and unchanged tasks. */
  summary: string;
}

export interface SectionTable {
  id: Id;
  government_id: number;
  plan_id: number;
  number: string;
  title: string;
  position: number;
}

export interface TaskTable {
  id: Id;
  government_id: number;
  plan_id: number;
  section_id: number | null;
  /** Stable identity inside the plan: section number and task number ("二/1"). */
  key: string;
  number: number;
  text: string;
  deadline: string | null;
  deadline_text: string | null;
  host_signal: string;
  /** active, completed (销号 by the office), removed (gone from a revised notice) */
  status: string;
  version: Version;
  created_at: string;
  updated_at: string;
  /** When the office completed it (销号); null while it is not completed. */
  completed_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** A task handed down from above (上级交办): the upper government's task it answers; null for the government's own. */
  source_task_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The government that handed it down; null for the government's own tasks. */
  source_government_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TaskLeaderTable {
  government_id: number;
  task_id: number;
  leader_id: number;
  position: number;
}

export interface TaskUnitTable {
  government_id: number;
  task_id: number;
  unit_id: number;
  /** host or co */
  role: string;
  position: number;
}

export interface TargetTable {
  id: Id;
  government_id: number;
  plan_id: number;
  /** Null for the plan's headline targets. */
  task_id: number | null;
  position: number;
  text: string;
  metric: string;
  kind: string;
  value: number | null;
  unit: string | null;
  /** JSON array of strings. */
  qualifiers: string;
  version: Version;
  /** Set when a revised notice dropped the target while reports or plans refer to it; hidden from then on. */
  retired_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** annual, long_term, capacity, scale, project (domain/plan.ts TARGET_SCOPES). */
  scope: Defaulted<string>;
  /** 1: measured against time progress. */
  measured: ColumnType<number, number | undefined, number>;
  /** sum or per_unit: how several units' values make the target's figure. */
  combine: Defaulted<string>;
  /** When it came into force; null: with its notice's import. */
  created_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The upper task's target this one is the government's share of (上级交办); null otherwise. */
  source_target_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** The units that own a target; a target with none is shared by its task's host units. */
/** A task handed down (下达) to a lower government; government_id is the assigning government. */
export interface TaskAssignmentTable {
  id: Id;
  government_id: number;
  source_task_id: number;
  assignee_government_id: number;
  /** The task it became in the lower government's ledger. */
  task_id: number;
  created_by: number | null;
  created_at: string;
}

/** A task of the lower government's own notice that takes up an assignment (承接); government_id is the lower government. */
export interface TaskLinkTable {
  id: Id;
  government_id: number;
  assignment_id: number;
  task_id: number;
  confirmed_by: number | null;
  confirmed_at: string;
}

/** A kept dashboard: one government's plan on one date, as of its audit row `head_seq` (migration 009). */
export interface DashboardSnapshotTable {
  id: Id;
  government_id: number;
  plan_id: number;
  as_of: string;
  head_seq: number;
  /** JSON: counts by light, section, leader and unit, each unit's punctuality (dashboard-aggregate.ts). */
  summary: string;
  computed_at: string;
}

/** One task's light in a kept dashboard. */
export interface DashboardLightTable {
  id: Id;
  snapshot_id: number;
  task_id: number;
  /** Notice order. */
  position: number;
  light: string;
  /** The lagging list's order: red 1, yellow 2, others 9. */
  lag_sort: number;
  /** Points behind, negated (a large number when the light is not from figures behind). */
  lag_behind: number;
  /** JSON: what the dashboard shows of the task (dashboard-aggregate.ts). */
  body: string;
}

export interface TargetOwnerTable {
  government_id: number;
  target_id: number;
  unit_id: number;
}

/** A change of a target after its import, with the target (as JSON) before and after. */
export interface TargetRevisionTable {
  id: Id;
  government_id: number;
  task_id: number;
  target_id: number;
  at: string;
  actor_user_id: number | null;
  change: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  request_id: number | null;
}

export interface ProjectTable {
  id: Id;
  government_id: number;
  task_id: number;
  position: number;
  name: string;
  stage: string;
  version: Version;
}

export interface UserTable {
  id: Id;
  government_id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_id: number | null;
  leader_id: number | null;
  must_change_password: number;
  disabled: number;
  locked_until: string | null;
  password_changed_at: string;
  version: Version;
  /** Where e-mail reminders go; null: in-app only. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 while the role waits for the security administrator's grant: the account can then only change its password. */
  role_pending: ColumnType<number, number | undefined, number>;
  /** Who granted the role (null: set up by the operator at the console, or before grants existed). */
  role_granted_by: ColumnType<number | null, number | null | undefined, number | null>;
  role_granted_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export interface LoginAttemptTable {
  id: Id;
  government_id: number | null;
  username: string;
  at: string;
  success: number;
  ip: string | null;
}

export interface SessionTable {
  /** SM3 of the cookie's token: a stolen database does not yield live sessions. */
  id: string;
  government_id: number;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditTable {
  id: Id;
  government_id: number;
  /** Position in the government's hash chain, from 1. */
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_unit_id: number | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  /** JSON or null. */
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface RoundTable {
  id: Id;
  government_id: number;
  plan_id: number;
  /** monthly, quarterly, adhoc */
  kind: string;
  /** The period asked about: 2026-03, 2026-Q1, or the office's own words for an ad hoc round. */
  label: string;
  period_end: string;
  due_on: string;
  /** open, closed */
  status: ColumnType<string, string | undefined, string>;
  /** Null when opened by the system (a job, the command line). */
  created_by: number | null;
  created_at: string;
  version: Version;
  /** JSON array of the task ids the round covers; null: every active task of the plan. */
  task_ids: string | null;
  /** The schedule that opened the round; null when opened by hand. */
  schedule_id: number | null;
  closed_by: number | null;
  closed_at: string | null;
}

export interface ReportTable {
  id: Id;
  government_id: number;
  round_id: number;
  task_id: number;
  unit_id: number;
  /** host or co: a co-unit's report is an input to the host unit's. */
  role: string;
  /** draft, approved, submitted, accepted, returned */
  status: ColumnType<string, string | undefined, string>;
  progress: ColumnType<string, string | undefined, string>;
  problems: ColumnType<string, string | undefined, string>;
  next_steps: ColumnType<string, string | undefined, string>;
  /** null, on_track, at_risk, off_track */
  confidence: string | null;
  confidence_reason: string | null;
  /** Who last wrote the draft: that person may not approve it. */
  author_id: number | null;
  approved_by: number | null;
  approved_at: string | null;
  submitted_at: string | null;
  accepted_at: string | null;
  returned_at: string | null;
  return_count: ColumnType<number, number | undefined, number>;
  version: Version;
  created_at: string;
  updated_at: string;
  /** 1 when the unit proposes the task complete (销号); only the office closes it. */
  propose_complete: ColumnType<number, number | undefined, number>;
  /** When it first left its unit: a host's first submission, a co-unit's first approval. */
  first_sent_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the office voided it (作废). */
  voided_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReportValueTable {
  government_id: number;
  report_id: number;
  target_id: number;
  /** The actual cumulative value at the end of the round's period. */
  value: number;
}

export interface ReportEventTable {
  id: Id;
  government_id: number;
  report_id: number;
  at: string;
  actor_user_id: number | null;
  /** edit, approve, submit, accept, return */
  action: string;
  comment: string | null;
}

type Flag = ColumnType<number, number | undefined, number>;
type Count = ColumnType<number, number | undefined, number>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface PlanSettingsTable {
  government_id: number;
  plan_id: number;
  /** JSON of PlanSettings (src/domain/settings.ts): thresholds, reminders, order rules, scoring. */
  settings: string;
  version: Version;
  updated_by: number | null;
  updated_at: string;
}

/** The government's profile (ADR 0023): the names its documents print. One row per government, once read from a notice or set. */
export interface GovernmentProfileTable {
  government_id: number;
  /** 济宁市兖州区人民政府 */
  name: Defaulted<string>;
  /** 兖州区 */
  region: Defaulted<string>;
  /** The issuing office: 济宁市兖州区人民政府办公室. */
  office: Defaulted<string>;
  /** The bulletin's head mark (版头). */
  bulletin_mark: Defaulted<string>;
  /** The organ code before 〔year〕serial号: 兖政办督. */
  number_prefix: Defaulted<string>;
  /** The signature (落款) and the printing line's organ. */
  signature: Defaulted<string>;
  /** notice (read from an imported notice, not yet confirmed), person (set or confirmed by the office). */
  source: string;
  confirmed_by: number | null;
  confirmed_at: string | null;
  version: Version;
  updated_at: string;
}

export interface ScheduleTable {
  id: Id;
  government_id: number;
  plan_id: number;
  /** Null: the plan's schedule; else one task's own, overriding the plan's. */
  task_id: number | null;
  /** monthly, quarterly */
  kind: string;
  /** Day of the month reports are due (29–31 mean the month's last day when shorter). */
  due_day: number;
  /** same: due in the period's own last month; next: in the month after the period. */
  due_offset: Defaulted<string>;
  active: Flag;
  version: Version;
  created_at: string;
  updated_at: string;
}

export interface WorkPlanTable {
  id: Id;
  government_id: number;
  task_id: number;
  /** The host unit that files it. */
  unit_id: number;
  /** 1, 2, …: a revised plan is a new revision; the old ones are its history. */
  revision: number;
  /** draft, submitted, approved, returned, superseded */
  status: Defaulted<string>;
  measures: Defaulted<string>;
  /** JSON array of { unitId, part }: what each co-unit does. */
  co_parts: Defaulted<string>;
  author_id: number | null;
  submitted_at: string | null;
  decided_by: number | null;
  decided_at: string | null;
  decision_comment: string | null;
  version: Version;
  created_at: string;
  updated_at: string;
}

export interface WorkPlanMilestoneTable {
  id: Id;
  government_id: number;
  work_plan_id: number;
  position: number;
  due_on: string;
  title: string;
  /** The unit that delivers it; null: the host unit. */
  unit_id: number | null;
}

export interface WorkPlanValueTable {
  government_id: number;
  work_plan_id: number;
  target_id: number;
  /** A month's or quarter's last day. */
  period_end: string;
  /** The planned cumulative value at that date, in the target's terms. */
  value: number;
}

export interface ReportMilestoneTable {
  government_id: number;
  report_id: number;
  milestone_id: number;
  reached_on: string;
}

export interface AttachmentTable {
  id: Id;
  government_id: number;
  report_id: number;
  file_name: string;
  /** Sniffed from the content, never taken from the client. */
  media_type: string;
  size: number;
  /** SM3 of the content, hex; also the file's name in the store. */
  checksum: string;
  uploaded_by: number | null;
  created_at: string;
}

export interface ExtensionRequestTable {
  id: Id;
  government_id: number;
  task_id: number;
  unit_id: number;
  requested_by: number | null;
  reason: string;
  from_deadline: string | null;
  to_deadline: string;
  /** pending, approved, rejected, withdrawn */
  status: Defaulted<string>;
  decided_by: number | null;
  decided_at: string | null;
  decision_comment: string | null;
  version: Version;
  created_at: string;
  updated_at: string;
}

/** A change of a task's targets after its first round (指标调整), awaiting or given the lead leader's decision. */
export interface TargetChangeRequestTable {
  id: Id;
  government_id: number;
  task_id: number;
  /** edit, split, merge, add, retire */
  op: string;
  /** The proposed change as JSON (src/modules/target/target-change.ts TargetChange). */
  change: string;
  /** The targets it touches as they stood when proposed, as JSON snapshots with their versions. */
  before: string;
  reason: string;
  /** pending, approved, rejected, withdrawn */
  status: Defaulted<string>;
  proposed_by: number | null;
  decided_by: number | null;
  decided_at: string | null;
  decision_comment: string | null;
  version: Version;
  created_at: string;
  updated_at: string;
}

/** A step in a target change request's timeline. */
export interface TargetChangeEventTable {
  id: Id;
  government_id: number;
  request_id: number;
  at: string;
  actor_user_id: number | null;
  /** propose, approve, reject, withdraw */
  action: string;
  comment: string | null;
}

export interface NotificationTable {
  id: Id;
  government_id: number;
  user_id: number;
  /** reminder_before, reminder_due, reminder_overdue, escalation, order, review, … */
  kind: string;
  title: string;
  body: Defaulted<string>;
  object_type: string | null;
  object_id: number | null;
  /** What makes it one notification: the same key for the same user is never inserted twice. */
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface DeliveryTable {
  id: Id;
  government_id: number;
  notification_id: number;
  /** email, webhook */
  channel: string;
  address: string;
  /** pending, sent, failed */
  status: Defaulted<string>;
  attempts: Count;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface OrderTable {
  id: Id;
  government_id: number;
  plan_id: number;
  task_id: number;
  unit_id: number;
  /** Number within the plan: 督办〔2026〕第 3 号. */
  serial: number;
  /** blue, yellow, red */
  grade: string;
  reason: string;
  /** rule, manual */
  source: string;
  /** The rule and its occasion ("overdue:report:12"); null for orders issued by hand. */
  rule_key: string | null;
  issued_by: number | null;
  issued_at: string;
  respond_by: string;
  /** issued, signed, answered, closed */
  status: Defaulted<string>;
  signed_by: number | null;
  signed_at: string | null;
  response: string | null;
  responded_by: number | null;
  responded_at: string | null;
  closed_by: number | null;
  closed_at: string | null;
  close_comment: string | null;
  version: Version;
  created_at: string;
  updated_at: string;
}

export interface TargetProgressTable {
  government_id: number;
  target_id: number;
  plan_id: number;
  task_id: number;
  /** The latest accepted actual value. */
  value: number;
  period_end: string;
  report_id: number;
  updated_at: string;
}

export interface TaskProgressTable {
  government_id: number;
  task_id: number;
  plan_id: number;
  confidence: string | null;
  confidence_reason: string | null;
  /** The latest accepted host report. */
  report_id: number | null;
  period_end: string | null;
  reported_at: string | null;
  propose_complete: Flag;
  updated_at: string;
}

export interface UnitPunctualityTable {
  government_id: number;
  plan_id: number;
  unit_id: number;
  /** Reports asked of the unit. */
  owed: Count;
  /** Sent (host: submitted; co-unit: approved) by the due date, counted once per report. */
  on_time: Count;
  late: Count;
  /** Returns by the office. */
  returned: Count;
}

export interface TaskLightTable {
  government_id: number;
  plan_id: number;
  task_id: number;
  as_of: string;
  round_id: number | null;
  light: string;
}

/** A bulletin (通报) of one period: a draft with its figures frozen as JSON, then issued with its files. */
export interface BulletinTable {
  id: Id;
  government_id: number;
  plan_id: number;
  /** The period it reports on: '2026-03' (a month) or '2026-Q1' (a quarter). */
  period: string;
  /** The date the figures are taken at: the period's last day, or today while the period runs. */
  as_of: string;
  /** draft, issued */
  status: Defaulted<string>;
  /** Number within the plan once issued: 第 3 期. */
  serial: number | null;
  title: string;
  /** The BulletinContent (src/documents/bulletin-content.ts) as JSON, frozen when the draft was made. */
  content: string;
  /** The office's own words added to the bulletin (要求、下步工作). */
  remarks: Defaulted<string>;
  docx_checksum: string | null;
  docx_size: number | null;
  pdf_checksum: string | null;
  pdf_size: number | null;
  created_by: number | null;
  created_at: string;
  issued_by: number | null;
  issued_at: string | null;
  version: Defaulted<number>;
  updated_at: string;
}

export interface Database {
  governments: GovernmentTable;
  units: UnitTable;
  unit_aliases: UnitAliasTable;
  unit_group_members: UnitGroupMemberTable;
  leaders: LeaderTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  sections: SectionTable;
  tasks: TaskTable;
  task_assignments: TaskAssignmentTable;
  task_links: TaskLinkTable;
  dashboard_snapshots: DashboardSnapshotTable;
  dashboard_lights: DashboardLightTable;
  task_leaders: TaskLeaderTable;
  task_units: TaskUnitTable;
  targets: TargetTable;
  target_owners: TargetOwnerTable;
  target_revisions: TargetRevisionTable;
  projects: ProjectTable;
  users: UserTable;
  login_attempts: LoginAttemptTable;
  sessions: SessionTable;
  rounds: RoundTable;
  reports: ReportTable;
  report_values: ReportValueTable;
  report_events: ReportEventTable;
  plan_settings: PlanSettingsTable;
  government_profiles: GovernmentProfileTable;
  schedules: ScheduleTable;
  work_plans: WorkPlanTable;
  work_plan_milestones: WorkPlanMilestoneTable;
  work_plan_values: WorkPlanValueTable;
  report_milestones: ReportMilestoneTable;
  attachments: AttachmentTable;
  extension_requests: ExtensionRequestTable;
  target_change_requests: TargetChangeRequestTable;
  target_change_events: TargetChangeEventTable;
  notifications: NotificationTable;
  deliveries: DeliveryTable;
  orders: OrderTable;
  target_progress: TargetProgressTable;
  task_progress: TaskProgressTable;
  unit_punctuality: UnitPunctualityTable;
  task_lights: TaskLightTable;
  bulletins: BulletinTable;
  audit_log: AuditTable;
}

export type TaskRow = Selectable<TaskTable>;
export type NewTask = Insertable<TaskTable>;
export type TaskUpdate = Updateable<TaskTable>;
export type UserRow = Selectable<UserTable>;
export type AuditRow = Selectable<AuditTable>;
export type RoundRow = Selectable<RoundTable>;
export type ReportRow = Selectable<ReportTable>;
export type ReportEventRow = Selectable<ReportEventTable>;
