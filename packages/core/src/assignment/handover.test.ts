import { describe, expect, it } from 'vitest';
import { planHandover, type HandoverCustomer } from './handover.js';
import type { Candidate } from './types.js';

const mgr = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  teamId: 't1',
  level: 'senior',
  capacity: 10,
  load: 0,
  loadValue: 0,
  regions: [],
  industries: [],
  languages: [],
  status: 'active',
  ...over,
});
const cust = (id: string, over: Partial<HandoverCustomer> = {}): HandoverCustomer => ({
  id,
  tier: 'C',
  region: null,
  industry: null,
  ...over,
});

describe('planHandover: rule mode', () => {
  it('sends each customer to the best fit, A-tier only to senior or key account', () => {
    const plan = planHandover(
      [
        cust('e', { region: 'east' }),
        cust('w', { region: 'west' }),
        cust('a', { tier: 'A', region: 'west' }),
      ],
      [],
      [
        mgr('east', { regions: ['east'], level: 'junior' }),
        mgr('west', { regions: ['west'], level: 'junior' }),
        mgr('sr'),
      ],
      'rule',
    );
    expect(plan.customers.map((c) => [c.customerId, c.managerId])).toEqual([
      ['e', 'east'],
      ['w', 'west'],
      ['a', 'sr'],
    ]);
    expect(plan.customers[0]!.reason).toMatchObject({ code: 'best_fit', data: { score: { region: 3 } } });
  });
  // b2 (more value) is placed first and takes y (more spare capacity); d1 finds nobody.
  it('never goes over capacity, important customers first, the rest to the pool', () => {
    const plan = planHandover(
      [cust('d1', { tier: 'D' }), cust('b1', { tier: 'B', value: 5 }), cust('b2', { tier: 'B', value: 50 })],
      [],
      [
        mgr('x', { capacity: 5, load: 4 }),
        mgr('y', { capacity: 3, load: 2 }),
        mgr('gone', { status: 'departed' }),
      ],
      'rule',
    );
    expect(plan.customers.map((c) => [c.customerId, c.managerId, c.pool, c.reason.code])).toEqual([
      ['d1', null, true, 'no_capacity'],
      ['b1', 'x', false, 'best_fit'],
      ['b2', 'y', false, 'best_fit'],
    ]);
    expect(plan.loads).toEqual({ x: 5, y: 3, gone: 0 });
  });
});

describe('planHandover: manual mode', () => {
  const colleagues = [
    mgr('s', { capacity: 1 }),
    mgr('j', { level: 'junior' }),
    mgr('off', { status: 'on_leave' }),
  ];
  it.each([
    ['c', 'j', 'j', 'manual', undefined],
    ['c', 'off', 'j', 'best_fit', 'inactive'],
    ['c', 'nobody', 'j', 'best_fit', 'unknown_manager'],
    ['a', 'j', 's', 'best_fit', 'level_too_low_for_a'],
  ] as const)('%s → %s gives %s (%s)', (id, target, managerId, code, refused) => {
    const plan = planHandover([cust(id, { tier: id === 'a' ? 'A' : 'C' })], [], colleagues, 'manual', {
      [id]: target,
    });
    expect(plan.customers[0]).toMatchObject({ managerId, reason: { code } });
    expect(plan.customers[0]!.reason.data.manualRefused).toBe(refused);
  });
  it('manual choices are placed first and count toward capacity', () => {
    const plan = planHandover(
      [cust('a1', { tier: 'A' }), cust('c1')],
      [],
      [mgr('s', { capacity: 1 })],
      'manual',
      {
        c1: 's',
      },
    );
    expect(plan.customers.map((c) => [c.customerId, c.managerId, c.reason.code])).toEqual([
      ['a1', null, 'no_capacity'],
      ['c1', 's', 'manual'],
    ]);
  });
});

describe('planHandover: tasks', () => {
  it('follow their customer, else go to the fallback assignee', () => {
    const plan = planHandover(
      [cust('c1'), cust('c2')],
      [
        { id: 't1', customerId: 'c1' },
        { id: 't2', customerId: 'c2' },
        { id: 't3', customerId: null },
        { id: 't4', customerId: 'elsewhere' },
      ],
      [mgr('m', { capacity: 1 })],
      'rule',
      {},
      { fallbackTaskAssigneeId: 'lead' },
    );
    expect(plan.tasks.map((t) => [t.taskId, t.assigneeId, t.reason.code])).toEqual([
      ['t1', 'm', 'follows_customer'],
      ['t2', 'lead', 'customer_to_pool'],
      ['t3', 'lead', 'no_customer'],
      ['t4', 'lead', 'customer_not_in_handover'],
    ]);
  });
});
