/** Who answers for a task when it names unit groups: each group with members stands for them; host wins over co. */
import { describe, expect, it } from 'vitest';
import { membersStandingIn, responsibleUnits } from '../../../src/modules/unit/unit-groups.js';

const u = (id: number) => ({ id, name: `单位${id}` });
const ids = (units: readonly { id: number }[]) => units.map((x) => x.id);

describe('responsible units', () => {
  // 10 and 20 are groups: 10 has members 1, 2 and 3; 20 has members 3 and 4; 30 is a group without members.
  const members = new Map([
    [10, [u(1), u(2), u(3)]],
    [20, [u(3), u(4)]],
  ]);

  it('replaces each group that has members by its members, in the order named', () => {
    const r = responsibleUnits({ hosts: [u(5), u(10)], cos: [u(6)] }, members);
    expect(ids(r.hosts)).toEqual([5, 1, 2, 3]);
    expect(ids(r.cos)).toEqual([6]);
  });

  it('lists a unit named directly and through a group once, as a host when either names it host', () => {
    expect(ids(responsibleUnits({ hosts: [u(10)], cos: [u(20), u(2)] }, members).cos)).toEqual([4]);
    expect(ids(responsibleUnits({ hosts: [u(3)], cos: [u(10)] }, members).cos)).toEqual([1, 2]);
    const both = responsibleUnits({ hosts: [u(1), u(10)], cos: [] }, members);
    expect(ids(both.hosts)).toEqual([1, 2, 3]);
  });

  it('keeps a group without members as it is', () => {
    const r = responsibleUnits({ hosts: [u(30)], cos: [u(10)] }, members);
    expect(ids(r.hosts)).toEqual([30]);
    expect(ids(r.cos)).toEqual([1, 2, 3]);
  });

  it('tells the members standing in for the named units', () => {
    const named = [u(5), u(10)];
    expect(ids(membersStandingIn(named, responsibleUnits({ hosts: named, cos: [] }, members).hosts))).toEqual([1, 2, 3]);
  });
});
