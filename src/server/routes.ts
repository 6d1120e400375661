/** Every module's routes, in one place, so that the route table can be walked by tests. */
import { assessmentRoutes } from '../modules/assessment/assessment.routes.js';
import { assignmentRoutes } from '../modules/assignment/assignment.routes.js';
import { attachmentRoutes } from '../modules/attachment/attachment.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { bulletinRoutes } from '../modules/bulletin/bulletin.routes.js';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.js';
import { deskRoutes } from '../modules/desk/desk.routes.js';
import { extensionRoutes } from '../modules/extension/extension.routes.js';
import { planRoutes } from '../modules/plan/plan.routes.js';
import { reportRoutes } from '../modules/report/report.routes.js';
import { roundRoutes } from '../modules/round/round.routes.js';
import { sessionRoutes } from '../modules/session/session.routes.js';
import { statusRoutes } from '../modules/status/status.routes.js';
import { targetRoutes } from '../modules/target/target.routes.js';
import { taskRoutes } from '../modules/task/task.routes.js';
import { ledgerExportRoutes } from '../modules/ledger/ledger-export.routes.js';
import { unitRoutes } from '../modules/unit/unit.routes.js';
import { userRoutes } from '../modules/user/user.routes.js';
import { notificationRoutes } from '../modules/notification/notification.routes.js';
import { orderRoutes } from '../modules/order/order.routes.js';
import { scheduleRoutes } from '../modules/schedule/schedule.routes.js';
import { settingsRoutes } from '../modules/settings/settings.routes.js';
import { governmentRoutes } from '../modules/government/government.routes.js';
import { workPlanRoutes } from '../modules/workplan/workplan.routes.js';
import type { App, AppDeps } from './app.js';
import { systemRoutes } from './system.routes.js';
import { webRoutes } from './web.routes.js';

export async function registerRoutes(app: App, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    systemRoutes(scope, deps);
    webRoutes(scope, deps);
    sessionRoutes(scope, deps);
    planRoutes(scope, deps);
    taskRoutes(scope, deps);
    roundRoutes(scope, deps);
    reportRoutes(scope, deps);
    attachmentRoutes(scope, deps);
    workPlanRoutes(scope, deps);
    extensionRoutes(scope, deps);
    targetRoutes(scope, deps);
    unitRoutes(scope, deps);
    userRoutes(scope, deps);
    auditRoutes(scope, deps);
    settingsRoutes(scope, deps);
    governmentRoutes(scope, deps);
    scheduleRoutes(scope, deps);
    notificationRoutes(scope, deps);
    orderRoutes(scope, deps);
    statusRoutes(scope, deps);
    dashboardRoutes(scope, deps);
    ledgerExportRoutes(scope, deps);
    assessmentRoutes(scope, deps);
    bulletinRoutes(scope, deps);
    deskRoutes(scope, deps);
    assignmentRoutes(scope, deps);
  });
}
