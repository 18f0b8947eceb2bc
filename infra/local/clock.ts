import { addDays, type LocalDate, parisDate, parisInstant } from '../../shared/domain/calendar';

/**
 * The embedded stack's time: the CLI sets it, and every handler reads "now" from the events it
 * receives (the sweep's asOf, the S3 event's time), never from the machine's clock, so a
 * 120-day simulation runs in seconds and replays identically.
 */
export class SimulatedClock {
  private instant: string;

  constructor(start: LocalDate, hour = 9) {
    this.instant = parisInstant(start, hour);
  }

  now(): string {
    return this.instant;
  }

  today(): LocalDate {
    return parisDate(this.instant);
  }

  /** Moves to `hour:minute` Paris time of the current day (or of `day`). */
  at(hour: number, minute = 0, day: LocalDate = this.today()): string {
    this.instant = parisInstant(day, hour, minute);
    return this.instant;
  }

  nextDay(hour = 0): LocalDate {
    const day = addDays(this.today(), 1);
    this.instant = parisInstant(day, hour);
    return day;
  }
}
