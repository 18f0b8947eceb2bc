import type { LocalDate } from './calendar';

/**
 * One line of a bank statement as the matcher reads it, whatever the file (camt.053 or CSV).
 * Only the fields the matching uses: the payer's name is personal data, shown in the report for
 * the person who resolves a line, never logged.
 */
export interface StatementLine {
  /** Where the line is in the file: `Ntry 3` (camt.053, with `/Tx 2` for a batch) or `line 7` (CSV). */
  position: string;
  direction: 'credit' | 'debit';
  /** BOOK: on the account; PDNG/INFO entries are reported, never recorded. */
  booked: boolean;
  /** Day the account was credited (camt BookgDt, else ValDt; the CSV's date). */
  date: LocalDate;
  amountCents: number;
  currency: string;
  /** Remittance information: unstructured lines, structured creditor references, document numbers. */
  references: string[];
  endToEndId?: string;
  payerName?: string;
  /**
   * Stable across imports of the same statement (the bank's references, else the line's content):
   * the payment id is derived from it, so a statement imported twice records nothing twice.
   */
  fingerprint: string;
}

/** A line a file could not give (bad amount, bad date): reported with the reason, its neighbours kept. */
export interface StatementLineError {
  position: string;
  reason: string;
}

export interface ReadStatement {
  format: 'camt.053' | 'csv';
  lines: StatementLine[];
  errors: StatementLineError[];
}
