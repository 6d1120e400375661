/**
 * The answers some routes send straight from a service (a document, an
 * import's preview, a stored row) have their own TypeScript type: each must
 * be exactly its response schema's, or a field would be dropped or left
 * undescribed. Checked by the type checker (npm run typecheck); the test
 * itself only names them.
 */
import type { Static } from 'typebox';
import { expectTypeOf, it } from 'vitest';
import type { BulletinContent } from '../../src/documents/bulletin-content.js';
import type { Plan, Warning } from '../../src/domain/plan.js';
import type { PlanSettings } from '../../src/domain/settings.js';
import type { BulletinContentSchema } from '../../src/modules/bulletin/bulletin.schema.js';
import type { Leader } from '../../src/modules/leader/leader.repository.js';
import type { LeaderViewSchema } from '../../src/modules/leader/leader.schema.js';
import type { ImportPreview, ImportResult } from '../../src/modules/plan/plan-importer.js';
import type { ListedPlan, StoredSection } from '../../src/modules/plan/plan.repository.js';
import type {
  ImportPreviewSchema,
  ImportResultSchema,
  ImportWarningSchema,
  NoticePlanSchema,
  PlanDetailSchema,
  PlanViewSchema,
  SectionSchema,
} from '../../src/modules/plan/plan.schema.js';
import type { PlanDetail } from '../../src/modules/plan/plan.service.js';
import type { ReachedMilestone, ReportEvent, ReportValue } from '../../src/modules/report/report.model.js';
import type { ReachedMilestoneSchema, ReportEventSchema, ReportValueSchema } from '../../src/modules/report/report.schema.js';
import type { PlanSettingsSchema } from '../../src/modules/settings/settings.schema.js';
import type { Unit } from '../../src/modules/unit/unit.model.js';
import type { UnitViewSchema } from '../../src/modules/unit/unit.schema.js';

it('types what services answer with exactly as the response schemas describe it', () => {
  expectTypeOf<BulletinContent>().toEqualTypeOf<Static<typeof BulletinContentSchema>>();
  expectTypeOf<PlanSettings>().toEqualTypeOf<Static<typeof PlanSettingsSchema>>();
  expectTypeOf<Plan>().toEqualTypeOf<Static<typeof NoticePlanSchema>>();
  expectTypeOf<Warning>().toEqualTypeOf<Static<typeof ImportWarningSchema>>();
  expectTypeOf<ImportPreview>().toEqualTypeOf<Static<typeof ImportPreviewSchema>>();
  expectTypeOf<ImportResult>().toEqualTypeOf<Static<typeof ImportResultSchema>>();
  expectTypeOf<ListedPlan>().toEqualTypeOf<Static<typeof PlanViewSchema>>();
  expectTypeOf<StoredSection>().toEqualTypeOf<Static<typeof SectionSchema>>();
  expectTypeOf<PlanDetail>().toEqualTypeOf<Static<typeof PlanDetailSchema>>();
  expectTypeOf<Unit>().toEqualTypeOf<Static<typeof UnitViewSchema>>();
  expectTypeOf<Leader>().toEqualTypeOf<Static<typeof LeaderViewSchema>>();
  expectTypeOf<ReportValue>().toEqualTypeOf<Static<typeof ReportValueSchema>>();
  expectTypeOf<ReportEvent>().toEqualTypeOf<Static<typeof ReportEventSchema>>();
  expectTypeOf<ReachedMilestone>().toEqualTypeOf<Static<typeof ReachedMilestoneSchema>>();
});
