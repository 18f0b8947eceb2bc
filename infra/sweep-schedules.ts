import { DEFAULT_CONTACT_POLICY } from '../shared/domain/contact-policy';

/**
 * When the daily sweeps run, Europe/Paris wall-clock time: one definition for the CDK schedules
 * (infra/aws) and the embedded clock (infra/local), so both run the same day the same way.
 */
export const SWEEP_SCHEDULES = {
  /** Before the day's contacts: claims time-barred overnight are never pursued in the morning. */
  prescription: { hour: 2 },
  /** Court deadlines (docs/legal.md §10): after the prescription sweep, before the day's contacts. */
  judicial: { hour: 3 },
  /** Personal data past the tenant's retention (docs/personal-data.md): a quiet hour, after the court sweep. */
  retention: { hour: 4 },
  /**
   * The overdue sweep starts at 06:00 and holds until the contact window opens (08:00 by default):
   * its state machine waits `holdSeconds`, and the escalation steps decide as of 08:00.
   */
  overdue: { hour: 6, holdSeconds: (DEFAULT_CONTACT_POLICY.windowStartHour - 6) * 3600 },
} as const;
