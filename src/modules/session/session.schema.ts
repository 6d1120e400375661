/** Sign-in and the current user, as the API takes and shows them. */
import { Type } from 'typebox';
import { Name, Obj } from '../../server/http-schema.js';
import { ActionNameSchema } from '../auth/actions.schema.js';
import { UserViewSchema } from '../user/user.schema.js';

export const SignInBody = Obj({ username: Name({ maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) });
export const EmailBody = Obj({ email: Name({ minLength: 0, maxLength: 254 }) });
export const PasswordBody = Obj({
  currentPassword: Type.Optional(Type.String({ maxLength: 1024 })),
  newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
});

export const SessionViewSchema = Obj(
  {
    user: UserViewSchema,
    csrfToken: Type.String({ description: '写操作须在 x-csrf-token 请求头中带上' }),
    mustChangePassword: Type.Boolean(),
    actions: Type.Array(ActionNameSchema, { description: '当前用户可执行的操作：菜单和按钮据此显示' }),
    governmentId: Type.Integer({ description: '当前用户所属政府 id（GET /api/governments 中的一项）' }),
  },
  { title: 'Session' },
);

export const OwnUserSchema = Obj({ user: UserViewSchema });
