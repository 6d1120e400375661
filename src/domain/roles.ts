/**
 * Roles of Luoshi's users. The three administrators are separated (三员分立):
 * no user holds two of them, and none of them works on the ledger.
 */
export const ROLES = ['office', 'leader', 'head', 'liaison', 'observer', 'sysadmin', 'secadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  office: '督查室',
  leader: '牵头领导',
  head: '单位负责人',
  liaison: '单位联络员',
  observer: '观察员（只读）',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
};

/** Roles that belong to a unit and must name it. */
export const UNIT_ROLES: readonly Role[] = ['head', 'liaison'];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
