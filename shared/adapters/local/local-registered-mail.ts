import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { addDays, isoWeekday, type LocalDate, parisInstant } from '../../domain/calendar';
import { publicHolidays } from '../../domain/contact-policy';
import type { DeliveryReceipt, RegisteredLetter, RegisteredMail } from '../../use-cases/ports';
import { sha256Hex } from '../message-files';

export interface LocalRegisteredMailOptions {
  /** Working days (Monday–Friday, French public holidays off) from posting to delivery. */
  deliveryWorkingDays?: number;
  /** Letters the simulated debtor leaves unclaimed: returned 15 days after first presentation. */
  unclaimed?: (letter: RegisteredLetter) => boolean;
  /** Folder where `registered/registered-mail.jsonl` records postings and receipts. */
  outDir?: string;
}

interface Posted {
  letter: Omit<RegisteredLetter, 'pdf'>;
  trackingRef: string;
  receipt: DeliveryReceipt;
  /** Day the service issues the receipt (delivery, or the return of an unclaimed letter). */
  issuedOn: LocalDate;
  issued: boolean;
}

const FILE = 'registered/registered-mail.jsonl';

/** The next working day after `day`, `count` times (what a postal service promises as J+2). */
export function addWorkingDays(day: LocalDate, count: number): LocalDate {
  let current = day;
  for (let left = count; left > 0; ) {
    current = addDays(current, 1);
    if (isoWeekday(current) < 6 && !publicHolidays(Number(current.slice(0, 4))).has(current)) left--;
  }
  return current;
}

/**
 * The registered-mail service of the embedded run: it "posts" the letter (a tracking reference
 * derived from the idempotency key, so a retried post is the same letter) and issues the
 * receipt `deliveryWorkingDays` later (an unclaimed letter: returned after 15 days). The
 * simulation collects due receipts each day (`receiptsDue`) and feeds them to the same
 * recordDeliveryReceipt use case a provider's webhook calls on AWS.
 */
export class LocalRegisteredMail implements RegisteredMail {
  private readonly posted = new Map<string, Posted>();
  private readonly deliveryWorkingDays: number;

  constructor(private readonly options: LocalRegisteredMailOptions = {}) {
    this.deliveryWorkingDays = options.deliveryWorkingDays ?? 2;
  }

  async post(letter: RegisteredLetter): Promise<{ trackingRef: string }> {
    const previous = this.posted.get(letter.idempotencyKey);
    if (previous) return { trackingRef: previous.trackingRef };
    const trackingRef = `1L${sha256Hex(letter.idempotencyKey).slice(0, 11).toUpperCase()}`;
    const presented = addWorkingDays(letter.day, this.deliveryWorkingDays);
    const unclaimed = this.options.unclaimed?.(letter) ?? false;
    const day = unclaimed ? addDays(presented, 15) : presented;
    const receipt: DeliveryReceipt = {
      tenantId: letter.tenantId,
      dossierId: letter.dossierId,
      trackingRef,
      status: unclaimed ? 'returned' : 'delivered',
      // A returned letter's deadline runs from its first presentation (notice-delivery.ts).
      day: unclaimed ? presented : day,
      at: parisInstant(day, 12),
      ...(unclaimed ? { reason: 'pli avisé et non réclamé' } : {}),
    };
    const { pdf: _pdf, ...rest } = letter;
    this.posted.set(letter.idempotencyKey, {
      letter: rest,
      trackingRef,
      receipt,
      issuedOn: day,
      issued: false,
    });
    await this.log({
      event: 'posted',
      day: letter.day,
      trackingRef,
      tenantId: letter.tenantId,
      dossierId: letter.dossierId,
    });
    return { trackingRef };
  }

  /** Receipts issued on or before `day` and not collected yet, oldest first. */
  async receiptsDue(day: LocalDate): Promise<DeliveryReceipt[]> {
    const due: DeliveryReceipt[] = [];
    for (const posted of this.posted.values()) {
      if (posted.issued || posted.issuedOn > day) continue;
      posted.issued = true;
      due.push(posted.receipt);
      await this.log({ event: posted.receipt.status, ...posted.receipt });
    }
    return due.sort((a, b) => a.at.localeCompare(b.at));
  }

  private async log(line: object): Promise<void> {
    if (!this.options.outDir) return;
    const path = join(this.options.outDir, FILE);
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, `${JSON.stringify(line)}\n`, 'utf8');
  }
}
