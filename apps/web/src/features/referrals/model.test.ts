import { describe, expect, it } from 'vitest';
import { referralKeys, staleKeysOf, stepsOf } from './model';

const step = (at: string, byName: string) => ({ at, byId: '00000000-0000-4000-8000-000000000001', byName });

describe("a card's steps", () => {
  it('lists the steps taken, oldest first, each with who took it; steps not taken are left out', () => {
    const steps = stepsOf({
      createdAt: '2026-03-01T09:00:00.000Z',
      senderName: 'Khaoula Ouazzani',
      sent: step('2026-03-01T09:05:00.000Z', 'Khaoula Ouazzani'),
      received: step('2026-03-02T08:00:00.000Z', 'Dr. Samira Filali'),
      started: null,
      completed: step('2026-03-03T15:30:00.000Z', 'Dr. Samira Filali'),
      declined: null,
      cancelled: null,
    });
    expect(steps.map((s) => [s.name, s.byName])).toEqual([
      ['created', 'Khaoula Ouazzani'],
      ['sent', 'Khaoula Ouazzani'],
      ['received', 'Dr. Samira Filali'],
      ['completed', 'Dr. Samira Filali'],
    ]);
  });

  it('keeps the lifecycle order when an answer also acknowledged the card at the same instant', () => {
    const at = '2026-03-02T08:00:00.000Z';
    const steps = stepsOf({
      createdAt: '2026-03-01T09:00:00.000Z',
      senderName: 'A',
      sent: step('2026-03-01T09:05:00.000Z', 'A'),
      received: step(at, 'B'),
      started: null,
      completed: null,
      declined: step(at, 'B'),
      cancelled: null,
    });
    expect(steps.map((s) => s.name)).toEqual(['created', 'sent', 'received', 'declined']);
  });
});

describe('what a live referral event makes stale', () => {
  it('the lists, the card and its thread, and the case’s cards and plan', () => {
    const keys = staleKeysOf({ cardId: 'card-1', caseId: 'case-9', status: 'completed' });
    expect(keys).toEqual([
      referralKeys.lists,
      referralKeys.card('card-1'),
      referralKeys.messages('card-1'),
      ['case', 'case-9', 'referrals'],
      ['case', 'case-9', 'plan'],
    ]);
  });

  it('only the lists when the event names no card nor case', () => {
    expect(staleKeysOf({ status: 'sent' })).toEqual([referralKeys.lists]);
  });
});
