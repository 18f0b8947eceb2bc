import { describe, expect, it } from 'vitest';
import { complaintsRisk, type DebtorContact } from '../../infra/local/simulate/complaints-risk';
import { parisInstant } from '../../shared/domain/calendar';

const at = (day: string, hour = 8) => parisInstant(day, hour);

describe('complaintsRisk', () => {
  it('counts the contact days that sit at a limit of docs/legal.md §8, each reason apart', () => {
    // Prepare: debtor A, e-mail on Monday 2 March 2026 at 10:00, e-mail + SMS at 08:00 on Wednesday
    // (2 days later: the minimum spacing, the 2nd contact day in 7, the SMS in the window's first
    // hour, two channels), a letter 10 days later (nothing at a limit). Debtor B: one e-mail.
    const contacts: DebtorContact[] = [
      { dossierId: 'A', channel: 'email', at: at('2026-03-02', 10) },
      { dossierId: 'A', channel: 'email', at: at('2026-03-04') },
      { dossierId: 'A', channel: 'sms', at: at('2026-03-04') },
      { dossierId: 'A', channel: 'letter', at: at('2026-03-14', 10) },
      { dossierId: 'B', channel: 'email', at: at('2026-03-02', 10) },
    ];
    // Act
    const risk = complaintsRisk(contacts);
    // Assess
    expect(risk).toEqual({
      debtors: 2,
      messages: 5,
      contactDays: 4,
      atLimit: { spacing: 1, weekly: 1, hours: 1, channels: 1 },
      contactDaysAtLimit: 1,
      riskPercent: 25,
      peak7: { max: 3, mean: 2 },
    });
  });

  it('flags a call in the last hour of the window, and spacing by the policy given', () => {
    const contacts: DebtorContact[] = [
      { dossierId: 'A', channel: 'email', at: at('2026-03-02', 10) },
      { dossierId: 'A', channel: 'call', at: at('2026-03-06', 19) },
    ];
    const risk = complaintsRisk(contacts, {
      windowStartHour: 8,
      windowEndHour: 20,
      restOnSundaysAndHolidays: true,
      alsaceMoselle: false,
      maxContactDaysPer7Days: 3,
      minDaysBetweenContacts: 4,
    });
    expect(risk.atLimit).toEqual({ spacing: 1, weekly: 0, hours: 1, channels: 0 });
    expect(risk.riskPercent).toBe(50);
  });

  it('no contact, no risk', () => {
    expect(complaintsRisk([])).toMatchObject({
      debtors: 0,
      contactDays: 0,
      riskPercent: 0,
      peak7: { max: 0, mean: 0 },
    });
  });
});
