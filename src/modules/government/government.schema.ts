/** The government's profile (ADR 0023) as the API shows and takes it. */
import { Type } from 'typebox';
import { PROFILE_LIMITS } from '../../domain/government-profile.js';
import { Literals, Name, Nullable, Obj, RowInteger } from '../../server/http-schema.js';

const field = (key: keyof typeof PROFILE_LIMITS, description: string) => Name({ minLength: 0, maxLength: PROFILE_LIMITS[key], description });

const PROFILE_FIELDS = {
  name: field('name', '政府名称：济宁市兖州区人民政府'),
  region: field('region', '行政区域：兖州区；空则由政府名称生成'),
  office: field('office', '发文的办公室：济宁市兖州区人民政府办公室；空则由政府名称生成'),
  bulletinMark: field('bulletinMark', '通报版头（发文机关标志）；空则为“<政府名称>督查通报”'),
  numberPrefix: field('numberPrefix', '通报发文字号前缀（机关代字，如“兖政办督”），年份和序号由系统编排'),
  signature: field('signature', '通报落款和印发机关；空则为办公室名称'),
};

export const GovernmentProfileSchema = Obj(PROFILE_FIELDS, {
  title: 'GovernmentProfile',
  description: '政府信息：文书上印的政府名称、办公室、通报版头、发文字号前缀和落款',
});

export const GovernmentProfileChange = Obj({
  version: RowInteger({ minimum: 0, description: '读取时的 version；尚未保存过时为 0' }),
  ...PROFILE_FIELDS,
});

export const GovernmentViewSchema = Obj(
  {
    profile: GovernmentProfileSchema,
    source: Literals(['none', 'config', 'notice', 'person'], {
      title: 'GovernmentProfileSource',
      description: 'none 尚无；config 取自启动配置 LUOSHI_GOVERNMENT；notice 取自导入通知的发文机关（待确认）；person 由督查室设置或确认',
    }),
    confirmed: Type.Boolean({ description: '督查室已确认' }),
    confirmedAt: Nullable(Type.String({ description: '确认时间' })),
    version: RowInteger({ minimum: 0, description: '0：尚未保存' }),
    fromNotice: Nullable(GovernmentProfileSchema),
    noticeTitle: Nullable(Type.String({ description: '读出 fromNotice 的通知标题' })),
  },
  { title: 'GovernmentView', description: '政府信息，及从最新导入通知的发文机关读出的建议值' },
);
