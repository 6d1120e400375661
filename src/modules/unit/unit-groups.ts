/**
 * A unit group (各镇街, 区直各部门) stands for its members: wherever a task
 * names a group that has members, each member answers for the task in the
 * group's place. Pure: the repositories read the task's units and the groups'
 * members, this decides who is responsible.
 */

/** The units that answer for a task, in the order the notice names them. */
export interface Responsible<U> {
  hosts: U[];
  cos: U[];
}

/**
 * The task's host and co-units with every group that has members replaced by
 * them. A group without members stays as it is (it owes nothing, having no
 * people). A unit is listed once: named as a host directly or through a
 * group, it hosts, even where it is also a co-unit (host wins over co).
 */
export function responsibleUnits<U extends { id: number }>(
  named: { hosts: readonly U[]; cos: readonly U[] },
  membersOf: ReadonlyMap<number, readonly U[]>,
): Responsible<U> {
  const expand = (units: readonly U[], taken: Set<number>): U[] => {
    const out: U[] = [];
    for (const unit of units) {
      const members = membersOf.get(unit.id);
      for (const u of members && members.length > 0 ? members : [unit]) {
        if (taken.has(u.id)) continue;
        taken.add(u.id);
        out.push(u);
      }
    }
    return out;
  };
  const taken = new Set<number>();
  const hosts = expand(named.hosts, taken);
  return { hosts, cos: expand(named.cos, taken) };
}

/** The units a task's responsible lists hold beyond those it names: the members standing for its groups. */
export function membersStandingIn<U extends { id: number }>(named: readonly U[], responsible: readonly U[]): U[] {
  const ids = new Set(named.map((u) => u.id));
  return responsible.filter((u) => !ids.has(u.id));
}
