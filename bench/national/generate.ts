/**
 * The national data set of `npm run bench:national`, generated inside
 * PostgreSQL by a handful of `INSERT … SELECT … FROM generate_series(…)`
 * statements (nothing row by row from Node), into a database the
 * application's migrations have already made (indexes included).
 *
 * At `--scale 1`: one province, 300 cities, 2,900 counties (3,201
 * governments); each with its plan of the year (2026), six sections, a unit
 * directory (80 / 50 / 30 units), six leaders, a monthly schedule and twelve
 * monthly rounds; about 202,000 tasks (500 of the province's own, 100–200 a
 * city, 40–60 a county, plus 10 handed down from the province to each city and
 * 3 from each city to each of its counties, with `task_assignments` and
 * targets that are shares of the upper ones); one or two targets a task; five
 * units a task (one host, four co-units); and a report per task, unit and
 * round: 12 × 5 × tasks ≈ 12.1 million rows of `reports` ("report rows"),
 * with the figures of the accepted host reports (`report_values`, ≈ 3.6
 * million) and what acceptance and closing keep (`target_progress`,
 * `task_progress`, `task_lights`, `unit_punctuality`). Rounds 1–11 are closed
 * (host reports accepted, co-units' approved); round 12 is open and three
 * tasks in ten still have drafts there (the reports the write load edits).
 * `--scale s` multiplies the number of cities and counties (a county's
 * dashboard is the same size at every scale).
 *
 * Every government has an office account (`office-<id>`) and a liaison of its
 * first unit (`liaison-<id>`), all with the first administrator's password
 * hash (argon2 is hashed once, by `luoshi migrate`). Audit chains start empty
 * (a valid chain; the SM3 hashes of made-up history cannot be written in SQL).
 */
import type pg from 'pg';

export const YEAR = 2026;
export const ROUNDS = 12;
export const UNITS_PER_TASK = 5;
/** Tasks the province hands down to each city, and each city to each of its counties. */
export const PROVINCE_HANDS_DOWN = 10;
export const CITY_HANDS_DOWN = 3;

export interface Shape {
  cities: number;
  counties: number;
}

export function shapeAt(scale: number): Shape {
  return { cities: Math.max(2, Math.round(300 * scale)), counties: Math.max(4, Math.round(2900 * scale)) };
}

export interface Generated {
  governments: number;
  tasks: number;
  targets: number;
  reports: number;
  reportValues: number;
  assignments: number;
  seconds: number;
}

const DEPARTMENTS = [
  '发展和改革局',
  '教育局',
  '科学技术局',
  '工业和信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '城市管理局',
  '林业局',
  '体育局',
  '信访局',
  '数据局',
  '行政审批服务局',
];
const SYLLABLES = ['安', '宁', '平', '泰', '华', '兴', '清', '和', '永', '新', '丰', '昌', '嘉', '云', '阳', '山', '河', '江', '湖', '源'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨'];
const SECTIONS = ['稳定经济增长', '深化改革开放', '推动产业升级', '保障改善民生', '防范化解风险', '上级交办'];
const NUMERALS = ['一', '二', '三', '四', '五', '六'];

const arr = (values: readonly string[]): string => `(ARRAY[${values.map((v) => `'${v}'`).join(',')}]::text[])`;

/** ISO-8601 UTC text, as the application stores times. */
const ISO = `CREATE FUNCTION pg_temp.iso(t timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`;

interface Step {
  label: string;
  sql: string | ((from: number, to: number) => string);
  /** Run in this many slices of the governments (for progress on the big tables). */
  slices?: number;
}

function steps(shape: Shape, now: string): Step[] {
  const { cities, counties } = shape;
  const g = (i: string): string => `${arr(SYLLABLES)}[(${i}) % 20 + 1]`;
  // A report's state, shared by the reports and what acceptance keeps: drafts in round 12 for three tasks in ten.
  const draft = (task: string, round: string): string => `(${round} = ${ROUNDS} AND ${task} % 10 < 3)`;
  const confidence = (task: string, round: string): string =>
    `CASE (${task} * 7 + ${round} * 3) % 20 WHEN 0 THEN 'off_track' WHEN 1 THEN 'at_risk' WHEN 2 THEN 'at_risk' ELSE 'on_track' END`;
  const figure = (task: string, round: string, target: string): string =>
    `round((${target}.value * ${round} / ${ROUNDS} * (0.75 + ((${task} * 13) % 40) / 100.0))::numeric, 2)::double precision`;
  const hostReport = (task: string, round: string): string => `((${task} - 1) * ${ROUNDS} + (${round} - 1)) * ${UNITS_PER_TASK} + 1`;
  return [
    {
      label: 'governments (province → cities → counties)',
      sql: `
        CREATE UNLOGGED TABLE bench_gov AS
        WITH g AS (
          SELECT 1 AS id, 'province' AS level, NULL::int AS parent_id, '江北省' AS name
          UNION ALL SELECT 1 + c, 'city', 1, ${g('c / 20')} || ${g('c')} || '市' FROM generate_series(1, ${cities}) c
          UNION ALL SELECT 1 + ${cities} + k, 'county', 2 + ((k - 1) % ${cities}), ${g('k / 400')} || ${g('k / 20')} || ${g('k')} || '县'
            FROM generate_series(1, ${counties}) k
        ), sized AS (
          SELECT g.*,
            CASE level WHEN 'province' THEN 500 WHEN 'city' THEN 100 + (id * 37) % 101 ELSE 40 + (id * 17) % 21 END AS own_tasks,
            CASE level WHEN 'province' THEN 0 WHEN 'city' THEN ${PROVINCE_HANDS_DOWN} ELSE ${CITY_HANDS_DOWN} END AS from_above,
            CASE level WHEN 'province' THEN 80 WHEN 'city' THEN 50 ELSE 30 END AS n_units,
            CASE level WHEN 'province' THEN '省' WHEN 'city' THEN '市' ELSE '县' END AS title
          FROM g)
        SELECT *, own_tasks + from_above AS n_tasks,
          COALESCE(SUM(own_tasks + from_above) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::int AS task_offset,
          COALESCE(SUM(n_units) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::int AS unit_offset
        FROM sized;
        ALTER TABLE bench_gov ADD PRIMARY KEY (id);
        CREATE UNLOGGED TABLE bench_round AS
          SELECT r, '${YEAR}-' || lpad(r::text, 2, '0') AS label,
            to_char(make_date(${YEAR}, r, 1) + interval '1 month' - interval '1 day', 'YYYY-MM-DD') AS period_end,
            make_date(${YEAR}, r, 5) AS due
          FROM generate_series(1, ${ROUNDS}) r;
        UPDATE governments SET name = '江北省', parent_id = NULL WHERE id = 1;
        INSERT INTO governments (id, name, created_at, parent_id) SELECT id, name, '${now}', parent_id FROM bench_gov WHERE id > 1 ORDER BY id;
        INSERT INTO government_profiles (government_id, name, region, office, bulletin_mark, number_prefix, signature, source, version, updated_at)
          SELECT id, name || '人民政府', name, name || '人民政府办公室', name || '督查通报', left(name, 2) || '政办督', name || '人民政府办公室', 'notice', 1, '${now}'
          FROM bench_gov ON CONFLICT (government_id) DO NOTHING;`,
    },
    {
      label: 'units, leaders, plans, sections, schedules, rounds',
      sql: `
        INSERT INTO units (id, government_id, name, kind, version, created_at, updated_at)
          SELECT b.unit_offset + j, b.id,
            CASE WHEN j <= ${DEPARTMENTS.length} THEN b.name || ${arr(DEPARTMENTS)}[j] ELSE b.name || '第' || (j - ${DEPARTMENTS.length}) || '街道办事处' END,
            CASE WHEN j <= ${DEPARTMENTS.length} THEN 'department' ELSE 'town' END, 1, '${now}', '${now}'
          FROM bench_gov b, generate_series(1, b.n_units) j;
        INSERT INTO leaders (id, government_id, name, title, version, created_at, updated_at)
          SELECT (b.id - 1) * 6 + l, b.id, ${arr(SURNAMES)}[l] || '某' || ${arr(NUMERALS)}[l], '副' || b.title || '长', 1, '${now}', '${now}'
          FROM bench_gov b, generate_series(1, 6) l;
        INSERT INTO plans (id, government_id, year, doc_number, title, issuer, issued_on, current_version, version, created_at, updated_at, archived_at, archived_by, archive_reason)
          SELECT b.id, b.id, ${YEAR}, left(b.name, 2) || '政办发〔${YEAR}〕' || (b.id % 90 + 1) || '号',
            b.name || '${YEAR}年政府工作报告重点任务分解', b.name || '人民政府办公室', '${YEAR}-01-20', 1, 1, '${now}', '${now}', NULL, NULL, NULL
          FROM bench_gov b;
        INSERT INTO plan_versions (id, government_id, plan_id, number, source_hash, source_name, imported_by, imported_at, summary)
          SELECT b.id, b.id, b.id, 1, md5(b.id::text) || md5('v' || b.id), '重点任务分解.docx', NULL, '${now}',
            '{"added":' || b.n_tasks || ',"changed":0,"removed":0,"unchanged":0}'
          FROM bench_gov b;
        INSERT INTO sections (id, government_id, plan_id, number, title, position)
          SELECT (b.id - 1) * 6 + s, b.id, b.id, ${arr(NUMERALS)}[s], ${arr(SECTIONS)}[s], s FROM bench_gov b, generate_series(1, 6) s;
        INSERT INTO schedules (id, government_id, plan_id, task_id, kind, due_day, due_offset, active, version, created_at, updated_at)
          SELECT b.id, b.id, b.id, NULL, 'monthly', 5, 'same', 1, 1, '${now}', '${now}' FROM bench_gov b;
        INSERT INTO rounds (id, government_id, plan_id, kind, label, period_end, due_on, status, created_by, created_at, version, task_ids, schedule_id, closed_by, closed_at)
          SELECT (b.id - 1) * ${ROUNDS} + r.r, b.id, b.id, 'monthly', r.label, r.period_end, to_char(r.due, 'YYYY-MM-DD'),
            CASE WHEN r.r < ${ROUNDS} THEN 'closed' ELSE 'open' END, NULL, pg_temp.iso(r.due - 10), 1, NULL, b.id, NULL,
            CASE WHEN r.r < ${ROUNDS} THEN pg_temp.iso(r.due + 7) END
          FROM bench_gov b, bench_round r;`,
    },
    {
      label: 'tasks (own and handed down)',
      sql: `
        INSERT INTO tasks (id, government_id, plan_id, section_id, key, number, text, deadline, deadline_text, host_signal, status, version, created_at, updated_at,
                           completed_at, source_task_id, source_government_id)
          SELECT b.task_offset + i, b.id, b.id, (b.id - 1) * 6 + s.s, ${arr(NUMERALS)}[s.s] || '/' || i, i,
            CASE WHEN i <= b.from_above THEN '落实上级交办任务第' || i || '项，按期报送进展'
                 ELSE ${arr(SECTIONS)}[s.s] || '：推进第' || i || '项重点工作，完成年度目标任务' END,
            '${YEAR}-' || lpad((i % 12 + 1)::text, 2, '0') || '-28', NULL, 'label', 'active', 1, '${now}', '${now}', NULL,
            CASE WHEN i > b.from_above THEN NULL
                 WHEN b.level = 'city' THEN p.task_offset + i
                 ELSE p.task_offset + p.from_above + i END,
            CASE WHEN i <= b.from_above THEN b.parent_id END
          FROM bench_gov b LEFT JOIN bench_gov p ON p.id = b.parent_id, generate_series(1, b.n_tasks) i,
            LATERAL (SELECT CASE WHEN i <= b.from_above THEN 6 ELSE (i - 1) % 5 + 1 END AS s) s
          ORDER BY 1;
        INSERT INTO task_assignments (government_id, source_task_id, assignee_government_id, task_id, created_by, created_at)
          SELECT source_government_id, source_task_id, government_id, id, NULL, '${now}' FROM tasks WHERE source_task_id IS NOT NULL ORDER BY id;
        INSERT INTO task_leaders (government_id, task_id, leader_id, position)
          SELECT t.government_id, t.id, (t.government_id - 1) * 6 + t.number % 6 + 1, 0 FROM tasks t;
        INSERT INTO task_units (government_id, task_id, unit_id, role, position)
          SELECT t.government_id, t.id, b.unit_offset + (t.number - 1 + 7 * p) % b.n_units + 1, CASE WHEN p = 0 THEN 'host' ELSE 'co' END, p
          FROM tasks t JOIN bench_gov b ON b.id = t.government_id, generate_series(0, ${UNITS_PER_TASK - 1}) p;`,
    },
    {
      label: 'targets',
      sql: `
        INSERT INTO targets (id, government_id, plan_id, task_id, position, text, metric, kind, value, unit, qualifiers, version, retired_at, scope, measured, combine,
                             created_at, source_target_id)
          SELECT 2 * t.id - 2 + k, t.government_id, t.plan_id, t.id, k - 1,
            CASE k WHEN 1 THEN '完成固定资产投资' || v.value || '亿元' ELSE '新建项目' || v.value || '个' END,
            CASE k WHEN 1 THEN '固定资产投资' ELSE '新建项目' END, CASE k WHEN 1 THEN 'increment' ELSE 'count' END, v.value,
            CASE k WHEN 1 THEN '亿元' ELSE '个' END, '[]', 1, NULL, 'annual', 1, 'sum', NULL,
            CASE WHEN t.source_task_id IS NOT NULL THEN 2 * t.source_task_id - 2 + k END
          FROM tasks t, generate_series(1, 2) k, LATERAL (SELECT (20 + (t.id * 31) % 480)::double precision AS value) v
          WHERE k = 1 OR (t.id % 2 = 0 AND (t.source_task_id IS NULL OR t.source_task_id % 2 = 0))
          ORDER BY 1;`,
    },
    {
      label: 'reports (a task × unit × round)',
      slices: 20,
      sql: (from, to) => `
        INSERT INTO reports (id, government_id, round_id, task_id, unit_id, role, status, progress, problems, next_steps, confidence, confidence_reason,
                             author_id, approved_by, approved_at, submitted_at, accepted_at, returned_at, return_count, version, created_at, updated_at,
                             propose_complete, first_sent_at, voided_at)
          SELECT ((t.id - 1) * ${ROUNDS} + (r.r - 1)) * ${UNITS_PER_TASK} + p + 1, t.government_id, (t.government_id - 1) * ${ROUNDS} + r.r, t.id,
            b.unit_offset + (t.number - 1 + 7 * p) % b.n_units + 1, CASE WHEN p = 0 THEN 'host' ELSE 'co' END,
            CASE WHEN d.draft THEN 'draft' WHEN p = 0 THEN 'accepted' ELSE 'approved' END,
            CASE WHEN d.draft THEN '' ELSE r.label || '：按计划推进，已完成本期工作。' END,
            CASE WHEN d.draft THEN '' ELSE '无' END,
            CASE WHEN d.draft THEN '' ELSE '继续推进。' END,
            CASE WHEN d.draft OR p > 0 THEN NULL ELSE ${confidence('t.id', 'r.r')} END, NULL,
            NULL, NULL, CASE WHEN NOT d.draft THEN pg_temp.iso(d.sent - interval '1 hour') END,
            CASE WHEN NOT d.draft AND p = 0 THEN pg_temp.iso(d.sent) END,
            CASE WHEN NOT d.draft AND p = 0 THEN pg_temp.iso(d.sent + interval '1 day') END,
            NULL, 0, CASE WHEN d.draft THEN 1 ELSE 4 END, pg_temp.iso(r.due - 10), pg_temp.iso(r.due - 10), 0,
            CASE WHEN NOT d.draft THEN pg_temp.iso(d.sent) END, NULL
          FROM tasks t JOIN bench_gov b ON b.id = t.government_id, bench_round r, generate_series(0, ${UNITS_PER_TASK - 1}) p,
            LATERAL (SELECT ${draft('t.id', 'r.r')} AS draft,
                            r.due + CASE WHEN t.id % 17 = 0 THEN interval '2 days 2 hours' ELSE interval '-1 day 2 hours' END AS sent) d
          WHERE t.government_id BETWEEN ${from} AND ${to}`,
    },
    {
      label: 'report figures (accepted host reports × targets)',
      slices: 5,
      sql: (from, to) => `
        INSERT INTO report_values (government_id, report_id, target_id, value)
          SELECT t.government_id, ${hostReport('t.id', 'r.r')}, tg.id, ${figure('t.id', 'r.r', 'tg')}
          FROM tasks t JOIN targets tg ON tg.task_id = t.id, bench_round r
          WHERE NOT ${draft('t.id', 'r.r')} AND t.government_id BETWEEN ${from} AND ${to}`,
    },
    {
      label: 'what acceptance and closing keep (progress, lights, punctuality)',
      sql: `
        INSERT INTO target_progress (government_id, target_id, plan_id, task_id, value, period_end, report_id, updated_at)
          SELECT t.government_id, tg.id, t.plan_id, t.id, ${figure('t.id', 'l.r', 'tg')}, r.period_end, ${hostReport('t.id', 'l.r')}, '${now}'
          FROM tasks t JOIN targets tg ON tg.task_id = t.id,
            LATERAL (SELECT CASE WHEN ${draft('t.id', String(ROUNDS))} THEN ${ROUNDS - 1} ELSE ${ROUNDS} END AS r) l JOIN bench_round r ON r.r = l.r;
        INSERT INTO task_progress (government_id, task_id, plan_id, confidence, confidence_reason, report_id, period_end, reported_at, propose_complete, updated_at)
          SELECT t.government_id, t.id, t.plan_id, ${confidence('t.id', 'l.r')}, NULL, ${hostReport('t.id', 'l.r')}, r.period_end, pg_temp.iso(r.due), 0, '${now}'
          FROM tasks t, LATERAL (SELECT CASE WHEN ${draft('t.id', String(ROUNDS))} THEN ${ROUNDS - 1} ELSE ${ROUNDS} END AS r) l JOIN bench_round r ON r.r = l.r;
        INSERT INTO task_lights (government_id, plan_id, task_id, as_of, round_id, light)
          SELECT t.government_id, t.plan_id, t.id, r.period_end, (t.government_id - 1) * ${ROUNDS} + r.r,
            CASE ${confidence('t.id', 'r.r')} WHEN 'off_track' THEN 'red' WHEN 'at_risk' THEN 'yellow' ELSE 'green' END
          FROM tasks t, bench_round r WHERE r.r < ${ROUNDS};
        INSERT INTO unit_punctuality (government_id, plan_id, unit_id, owed, on_time, late, returned)
          SELECT r.government_id, rd.plan_id, r.unit_id, count(*),
            count(*) FILTER (WHERE r.first_sent_at IS NOT NULL AND r.task_id % 17 <> 0),
            count(*) FILTER (WHERE r.first_sent_at IS NOT NULL AND r.task_id % 17 = 0), 0
          FROM reports r JOIN rounds rd ON rd.id = r.round_id GROUP BY r.government_id, rd.plan_id, r.unit_id;`,
    },
    {
      label: 'accounts (an office and a liaison per government)',
      sql: `
        INSERT INTO users (government_id, username, display_name, password_hash, role, unit_id, leader_id, must_change_password, disabled, locked_until,
                           password_changed_at, version, email, role_pending, role_granted_by, role_granted_at, created_at, updated_at)
          SELECT b.id, a.kind || '-' || b.id, b.name || a.label, (SELECT password_hash FROM users WHERE id = (SELECT min(id) FROM users)), a.kind,
            CASE WHEN a.kind = 'liaison' THEN b.unit_offset + 1 END, NULL, 0, 0, NULL, '${now}', 1, NULL, 0, NULL, '${now}', '${now}', '${now}'
          FROM bench_gov b, (VALUES ('office', '督查室'), ('liaison', '联络员')) a(kind, label)
          ORDER BY b.id, a.kind DESC;`,
    },
  ];
}

const SEQUENCED = ['governments', 'units', 'leaders', 'plans', 'plan_versions', 'sections', 'schedules', 'rounds', 'tasks', 'targets', 'reports'];

export async function generate(client: pg.Client, scale: number, log: (line: string) => void): Promise<Generated> {
  const shape = shapeAt(scale);
  const started = Date.now();
  const now = new Date().toISOString();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`;
  const governments = 1 + shape.cities + shape.counties;
  // Loading only: the data is checked by construction, and committed for good by the CHECKPOINT at the end.
  await client.query('SET synchronous_commit = off');
  await client.query("SET maintenance_work_mem = '256MB'");
  try {
    await client.query('SET session_replication_role = replica'); // foreign keys are not checked row by row (superuser only)
  } catch {
    log('  (not a superuser: foreign keys are checked row by row, which is slower)');
  }
  await client.query(ISO);
  const list = steps(shape, now);
  const tty = process.stderr.isTTY;
  for (const [n, step] of list.entries()) {
    const head = `[${n + 1}/${list.length}] ${step.label}`;
    if (typeof step.sql === 'string') {
      log(`${elapsed()}  ${head}…`);
      await client.query(step.sql);
      continue;
    }
    const size = Math.ceil(governments / (step.slices ?? 1));
    const slices = Math.ceil(governments / size);
    // A bar redrawn in place on a terminal, a line per slice elsewhere (a log file).
    const bar = (done: number, text: string, last = false): void => {
      const line = `${elapsed()}  ${head} [${'#'.repeat(done)}${'.'.repeat(20 - done)}] ${text}`;
      if (tty) process.stderr.write(`\r${line}${last ? '\n' : '      '}`);
      else log(line);
    };
    for (let s = 0; s < slices; s++) {
      const from = s * size + 1;
      const to = Math.min(governments, (s + 1) * size);
      bar(Math.round((20 * s) / slices), `governments ${from}–${to}`);
      await client.query(step.sql(from, to));
    }
    bar(20, `${governments} governments${tty ? ' '.repeat(12) : ''}`, true);
  }
  await client.query('SET session_replication_role = DEFAULT');
  for (const table of SEQUENCED) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
  await client.query('DROP TABLE bench_gov, bench_round');
  log(`${elapsed()}  ANALYZE, CHECKPOINT…`);
  await client.query('ANALYZE');
  await client.query('CHECKPOINT');
  const count = async (table: string): Promise<number> => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  const result = {
    governments: await count('governments'),
    tasks: await count('tasks'),
    targets: await count('targets'),
    reports: await count('reports'),
    reportValues: await count('report_values'),
    assignments: await count('task_assignments'),
    seconds: (Date.now() - started) / 1000,
  };
  log(`${elapsed()}  done`);
  return result;
}
