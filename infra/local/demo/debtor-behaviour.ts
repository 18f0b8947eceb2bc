import { addDays, type LocalDate } from '../../../shared/domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../../shared/domain/dossier';
import type { ScenarioLevel } from '../../../shared/domain/scenario';
import { resolveScenario, type ScenarioSettings } from '../../../shared/domain/scenario-catalog';

/** How a simulated debtor reacts to the ladder; seeded, so a demo run is reproducible. */
export type Profile = 'pays-after-reminder' | 'pays-after-formal-notice' | 'partial' | 'never' | 'disputes';

export type DebtorReaction =
  | {
      kind: 'payment';
      dossierId: string;
      tenantId: string;
      paymentId: string;
      date: LocalDate;
      amountCents: number;
    }
  | { kind: 'dispute'; dossierId: string; tenantId: string; disputeId: string; invoices?: string[] }
  | { kind: 'opt-out'; dossierId: string; tenantId: string; optOutId: string; channel: 'sms' };

/** What a debtor tells the agent who calls: the body of POST /tasks/{taskId}/outcome, less the dossier id. */
export type CallAnswer =
  | { outcome: 'reached' | 'dispute' | 'wrong-number' | 'no-answer' }
  | { outcome: 'promise-to-pay'; promisedDate: LocalDate; promisedAmountCents: number };

interface Plan {
  profile: Profile;
  /** Level whose receipt triggers the reaction. */
  trigger: string;
  delayDays: number;
  dueOn?: LocalDate;
  done: boolean;
  /** The debtor abroad taken to the European order: never answers a call (and draws no roll). */
  abroad?: true;
}

/** mulberry32: tiny, fast, good enough for a reproducible simulation. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRIGGER: Record<Profile, string> = {
  'pays-after-reminder': 'reminder-1',
  partial: 'reminder-2',
  'pays-after-formal-notice': 'formal-notice',
  disputes: 'reminder-1',
  never: '',
};

/**
 * Where a debtor's trigger sits in a ladder: the level of that id, else the level playing that
 * part in a tenant's own ladder (`recouvrement simulate` runs any lawful ladder): the first or
 * second reminder after the due date, the formal notice. -1 when the ladder has none.
 */
export function triggerIndex(levels: readonly ScenarioLevel[], trigger: string): number {
  const byId = levels.findIndex((level) => level.id === trigger);
  if (byId >= 0 || !trigger) return byId;
  if (trigger === 'formal-notice') return levels.findIndex((level) => level.kind === 'formal-notice');
  const reminders = levels
    .map((level, index) => ({ level, index }))
    .filter(
      ({ level }) =>
        level.kind === 'reminder' && level.offsetDays > 0 && level.channels.some((c) => c !== 'call'),
    );
  return reminders[trigger === 'reminder-2' ? 1 : 0]?.index ?? -1;
}

/**
 * The debtors of the demo: about a third pay after a reminder, some after the formal notice,
 * some pay part, the rest never; exactly one disputes. Reactions go back through the API
 * (payments, disputes) like a bank feed or the creditor's agent would send them.
 */
export class DebtorBehaviour {
  private readonly plans = new Map<string, Plan>();
  private readonly random: () => number;
  private disputeAssigned = false;
  /** The debtor domiciled in another EU country who never pays: the European order for payment's case. */
  private abroadAssigned = false;
  /** The one consumer who answers STOP to the SMS of reminder-2 (opt-out, docs/legal.md §8). */
  private optOutBy: string | undefined;
  /** A stream of its own for phone calls, so the calls leave every debtor's profile as it was. */
  private readonly callRandom: () => number;
  private nonPayerCalls = 0;

  /** `scenarios`: the tenant's own ladders, when its dossiers follow them (the what-if simulator). */
  constructor(
    seed: number,
    private readonly scenarios: ScenarioSettings = {},
  ) {
    this.random = seededRandom(seed);
    this.callRandom = seededRandom(seed ^ 0x5ca11);
  }

  private planFor(dossier: Dossier): Plan {
    const known = this.plans.get(dossier.dossierId);
    if (known) return known;
    const roll = this.random();
    let profile: Profile =
      roll < 0.3
        ? 'pays-after-reminder'
        : roll < 0.5
          ? 'pays-after-formal-notice'
          : roll < 0.65
            ? 'partial'
            : 'never';
    // One dispute per run, from a professional debtor with several invoices: the typical contested delivery.
    if (!this.disputeAssigned && dossier.debtor.type === 'professional' && dossier.invoices.length > 1) {
      profile = 'disputes';
      this.disputeAssigned = true;
    }
    // Decided after the roll, so every other debtor keeps the profile its seed gives it.
    const abroad = !this.abroadAssigned && profile !== 'disputes' && dossier.debtor.address.country !== 'FR';
    if (abroad) {
      profile = 'never';
      this.abroadAssigned = true;
    }
    const plan: Plan = {
      profile,
      trigger: TRIGGER[profile],
      delayDays: 1 + Math.floor(this.random() * 5),
      done: false,
      ...(abroad ? { abroad: true as const } : {}),
    };
    this.plans.set(dossier.dossierId, plan);
    return plan;
  }

  /**
   * How the debtor answers an agent's call. One who meant to pay after the formal notice promises
   * and keeps the promise (pays a day or two before the date); the non-payers, in turn: the first
   * number turns out wrong, then one promises and breaks it, the next does not answer, and so on;
   * the one who disputes talks but leaves the dispute to their letter (one invoice of two);
   * the others talk and pay on their own schedule.
   */
  answerCall(dossier: Dossier, day: LocalDate): CallAnswer {
    const plan = this.planFor(dossier);
    // Outside the call stream and the non-payers' turns: the other debtors answer as they would without it.
    if (plan.abroad) return { outcome: 'no-answer' };
    const roll = this.callRandom();
    const promise = (inDays: number): CallAnswer => ({
      outcome: 'promise-to-pay',
      promisedDate: addDays(day, inDays),
      promisedAmountCents: dossierOutstandingCents(dossier),
    });
    switch (plan.profile) {
      case 'pays-after-formal-notice': {
        const answer = promise(4 + Math.floor(roll * 5));
        const payOn = addDays(day, 2 + Math.floor(roll * 3));
        if (!plan.done && (!plan.dueOn || payOn < plan.dueOn)) plan.dueOn = payOn;
        return answer;
      }
      case 'never': {
        const turn = this.nonPayerCalls++;
        if (turn === 0) return { outcome: 'wrong-number' };
        return turn % 2 === 1 ? promise(5 + Math.floor(roll * 5)) : { outcome: 'no-answer' };
      }
      // The disputer contests one invoice in writing (react below), not the whole dossier on the phone.
      case 'disputes':
        return { outcome: plan.done ? 'no-answer' : 'reached' };
      default:
        return { outcome: 'reached' };
    }
  }

  /** A non-paying consumer reached by SMS answers STOP, once per run. */
  private optOut(dossier: Dossier, plan: Plan): DebtorReaction | undefined {
    if (plan.profile !== 'never' || dossier.debtor.type !== 'consumer' || !dossier.debtor.phone)
      return undefined;
    if (this.optOutBy !== undefined || dossier.debtor.optOuts.includes('sms') || dossier.status !== 'open')
      return undefined;
    const levels = resolveScenario(dossier.scenarioId, this.scenarios).levels;
    if (dossier.levelIndex < triggerIndex(levels, 'reminder-2')) return undefined;
    // STOP answers an SMS: a ladder that sent none so far (a tenant's own) gets no opt-out.
    if (!levels.slice(0, dossier.levelIndex + 1).some((level) => level.channels.includes('sms')))
      return undefined;
    this.optOutBy = dossier.dossierId;
    const { tenantId, dossierId } = dossier;
    return { kind: 'opt-out', tenantId, dossierId, optOutId: `STOP-${dossierId}`, channel: 'sms' };
  }

  /**
   * Dossiers whose planned reaction falls due by `day`: with the dossiers the morning's steps
   * touched (the only way a level moves), all `react` needs after it has seen every dossier once.
   */
  reactionsDue(day: LocalDate): string[] {
    return [...this.plans]
      .filter(([, plan]) => !plan.done && plan.dueOn !== undefined && plan.dueOn <= day)
      .map(([dossierId]) => dossierId);
  }

  profileOf(dossierId: string): Profile | undefined {
    return this.plans.get(dossierId)?.profile;
  }

  /** What debtors do on `day`, given their dossiers as they stand after the morning's sweeps. */
  react(dossiers: Dossier[], day: LocalDate): DebtorReaction[] {
    const reactions: DebtorReaction[] = [];
    for (const dossier of [...dossiers].sort((a, b) => a.dossierId.localeCompare(b.dossierId))) {
      const plan = this.planFor(dossier);
      const optOut = this.optOut(dossier, plan);
      if (optOut) reactions.push(optOut);
      if (
        plan.done ||
        plan.profile === 'never' ||
        (dossier.status !== 'open' && dossier.status !== 'judicial')
      )
        continue;
      if (!plan.dueOn) {
        const levels = resolveScenario(dossier.scenarioId, this.scenarios).levels;
        const trigger = triggerIndex(levels, plan.trigger);
        if (trigger < 0 || dossier.levelIndex < trigger) continue;
        plan.dueOn = addDays(day, plan.delayDays);
      }
      if (day < plan.dueOn) continue;
      plan.done = true;
      const { tenantId, dossierId } = dossier;
      if (plan.profile === 'disputes') {
        // One invoice of several: only it pauses, the others are still pursued (lifecycle-debtors.ts).
        const invoices = dossier.invoices.length > 1 ? [dossier.invoices[0]!.number] : undefined;
        reactions.push({
          kind: 'dispute',
          tenantId,
          dossierId,
          disputeId: `D-${dossierId}`,
          ...(invoices ? { invoices } : {}),
        });
        continue;
      }
      const outstanding = dossierOutstandingCents(dossier);
      const amountCents =
        plan.profile === 'partial' ? Math.max(1, Math.round(outstanding * 0.4)) : outstanding;
      if (amountCents > 0)
        reactions.push({
          kind: 'payment',
          tenantId,
          dossierId,
          paymentId: `VIR-${dossierId}-${day}`,
          date: day,
          amountCents,
        });
    }
    return reactions;
  }
}
