/**
 * The plain page that lists the plan in force: what the server shows at the
 * web app's addresses while the app is not built (web.routes.ts). The notice
 * is public, so the page needs no session.
 */
import type { AppDeps } from './app.js';
import { listPlans } from '../modules/plan/plan.repository.js';
import { listTasks } from '../modules/task/task.repository.js';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function plainHomePage(deps: Pick<AppDeps, 'store' | 'governmentId'>): Promise<string> {
  const [plan] = await listPlans(deps.store.db, deps.governmentId);
  const tasks = plan ? await listTasks(deps.store.db, deps.governmentId, { planId: plan.id }) : [];
  const rows = tasks
    .map(
      (t) =>
        `<tr><td>${escape(t.section?.number ?? '')}</td><td>${t.number}</td><td>${escape(t.text.slice(0, 80))}${t.text.length > 80 ? '…' : ''}</td>` +
        `<td>${escape(t.leaders.map((l) => l.name).join('、'))}</td><td>${escape(t.hostUnits.map((u) => u.name).join('、'))}</td>` +
        `<td>${escape(t.coUnits.map((u) => u.name).join('、'))}</td></tr>`,
    )
    .join('\n');
  const body = plan
    ? `<h1>${escape(plan.title)}</h1><p>${escape([plan.docNumber, plan.issuer, plan.issuedOn].filter(Boolean).join(' · '))} · 共 ${tasks.length} 项任务</p>
<table><thead><tr><th>部分</th><th>序号</th><th>任务</th><th>牵头领导</th><th>主办单位</th><th>协办单位</th></tr></thead><tbody>
${rows}
</tbody></table>`
    : '<h1>落实 Luoshi</h1><p>尚未导入任务分解通知。请用 <code>luoshi import 通知文件 --commit</code> 导入。</p>';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>落实 · 任务台账</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.4rem;vertical-align:top;font-size:14px}th{background:#f5f5f5}</style>
</head><body>${body}<p style="color:#888">网页界面尚未构建（npm run build:web），此处为只读的任务台账。接口文档：<a href="/api/openapi.json">/api/openapi.json</a></p></body></html>`;
}
