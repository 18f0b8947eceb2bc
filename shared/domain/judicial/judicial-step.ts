import { type LocalDate, minDate } from '../calendar';
import type { Dossier } from '../dossier';
import type { JudicialStage } from './judicial-state';

/**
 * Where one judicial step starts for a dossier (statemachines/judicial-step.asl.json, docs/legal.md
 * §10): the state machine's first Choice reads the `stage` this returns, in the order of the seeds'
 * sequence — build the court file, watch the service (CPC 1411), watch the opposition window
 * (CPC 1416; an opposition goes to a lawyer), ask for the enforceable formula (CPC 1422), hand the
 * title to a commissaire de justice (CPCE L122-1), watch the enforcement acts — plus the claim's
 * declaration to the mandataire when the debtor is in insolvency proceedings (C.com. L622-24).
 */
export const JUDICIAL_STEP_STAGES = [
  'court-file',
  'claim-declaration',
  'order-issued',
  'order-served',
  'opposition',
  'enforceable',
  'enforcement',
  'small-claims-invited',
  /** Due, but the stage has nothing to watch (a wait that ended, an order lapsed back to review): the step only records. */
  'settle',
  /** Nothing is due today (already stepped, or the sweep's index was behind): the step ends at once. */
  'nothing-due',
] as const;
export type JudicialStepStage = (typeof JUDICIAL_STEP_STAGES)[number];

/** The day the judicial sweep's index holds for a dossier: its earliest check, follow-up or declaration watch. */
export function judicialCheckDay(dossier: Dossier): LocalDate | undefined {
  const judicial = dossier.status === 'judicial' ? dossier.judicial : undefined;
  return minDate(
    [judicial?.nextCheckOn, judicial?.followUpOn, dossier.claimDeclaration?.nextCheckOn].filter(
      (day): day is LocalDate => day !== undefined,
    ),
  );
}

const FOLLOWED: Partial<Record<JudicialStage, JudicialStepStage>> = {
  'order-issued': 'order-issued',
  'order-served': 'order-served',
  opposition: 'opposition',
  enforceable: 'enforceable',
  'small-claims-agreed': 'enforceable',
  enforcement: 'enforcement',
  'small-claims-invited': 'small-claims-invited',
};

/**
 * The stage one step works on today. Only what is due today: a step run twice the same day finds
 * its own writes (the next check moved past today) and does nothing the second time.
 */
export function judicialStepStage(dossier: Dossier, day: LocalDate): JudicialStepStage {
  const declaration = dossier.claimDeclaration;
  if (declaration?.nextCheckOn && declaration.nextCheckOn <= day) return 'claim-declaration';
  const judicial = dossier.status === 'judicial' ? dossier.judicial : undefined;
  if (!judicial) return 'nothing-due';
  const checkDue = judicial.nextCheckOn !== undefined && judicial.nextCheckOn <= day;
  const followUpDue = judicial.followUpOn !== undefined && judicial.followUpOn <= day;
  if (!checkDue && !followUpDue) return 'nothing-due';
  if (judicial.decision?.kind === 'file' && judicial.stage === 'review' && !judicial.courtFile && checkDue)
    return 'court-file';
  return FOLLOWED[judicial.stage] ?? 'settle';
}
