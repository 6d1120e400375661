/** Accounts as the API shows them (never the password hash), and the request shapes of the account routes. */
import { Type } from 'typebox';
import { ROLES } from '../../domain/roles.js';
import { Literals, Name, Nullable, Obj, RowInteger } from '../../server/http-schema.js';

const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));
const PersonOrUnit = Name({ maxLength: 100 });

export const NewUser = Obj({
  username: Name({ maxLength: 64 }),
  role: RoleName,
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  displayName: Type.Optional(PersonOrUnit),
  unitName: Type.Optional(PersonOrUnit),
  leaderName: Type.Optional(PersonOrUnit),
  mustChangePassword: Type.Optional(Type.Boolean({ description: '由管理员创建的账户必须在首次登录时修改密码：只能省略或为 true' })),
  email: Type.Optional(Name({ minLength: 0, maxLength: 254, description: '接收提醒邮件的地址' })),
});
export const RoleBody = Obj({ role: RoleName, unitName: Type.Optional(PersonOrUnit), leaderName: Type.Optional(PersonOrUnit) });
export const GrantBody = Obj({
  role: RoleName,
  version: RowInteger({ description: '授权人看到的账户版本；账户此后被修改则拒绝（409）' }),
});
export const DisabledBody = Obj({ disabled: Type.Boolean() });

export const RoleSchema = Literals(ROLES, {
  title: 'Role',
  description:
    'office 督查室，leader 牵头领导，head 单位负责人，liaison 单位联络员，observer 观察员，sysadmin 系统管理员，secadmin 安全管理员，auditor 审计管理员',
});

export const UserViewSchema = Obj(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    roleLabel: Type.String({ description: '角色的中文名称' }),
    unitId: Nullable(Type.Integer()),
    leaderId: Nullable(Type.Integer()),
    mustChangePassword: Type.Boolean(),
    disabled: Type.Boolean(),
    lockedUntil: Nullable(Type.String({ description: '登录锁定到此时刻；未锁定为 null' })),
    email: Nullable(Type.String()),
    rolePending: Type.Boolean({ description: '角色尚待安全管理员授权；授权前该账户只能修改密码' }),
    roleGrantedAt: Nullable(Type.String({ description: '角色授权时刻；由运维人员在服务器上设置的为 null' })),
    version: Type.Integer(),
  },
  { title: 'User' },
);

export const UserListSchema = Obj({ items: Type.Array(UserViewSchema) });

export const PasswordResetSchema = Obj(
  {
    user: UserViewSchema,
    temporaryPassword: Type.String({ description: '临时密码：只在这一次答复中给出，不再保存明文；账户持有人登录后必须立即修改' }),
  },
  { title: 'PasswordReset' },
);
