import type { Role } from './roles.js';

/** Who is acting: the signed-in user, or the system itself (imports from the CLI, jobs). */
export interface Actor {
  governmentId: number;
  userId: number | null;
  username: string;
  role: Role | 'system';
  unitId: number | null;
  leaderId: number | null;
  ip: string | null;
}

export const systemActor = (governmentId: number, username = 'system'): Actor => ({
  governmentId,
  userId: null,
  username,
  role: 'system',
  unitId: null,
  leaderId: null,
  ip: null,
});
