import { describe, expect, it } from 'vitest';
import {
  claimDeclarationWatch,
  reviewClaimDeclaration,
} from '../../shared/domain/judicial/claim-declaration';
import { applyCourtEvent } from '../../shared/domain/judicial/court-events';
import { judicialPrescriptionEvents } from '../../shared/domain/judicial/court-title';
import { judicialCheckDay, judicialStepStage } from '../../shared/domain/judicial/judicial-step';
import { aDossier } from '../support/builders';
import { aJudicialState } from '../support/court-events';

describe('the judicial step reads the stage due today (judicial-step.ts)', () => {
  const inCourt = (judicial: Parameters<typeof aJudicialState>[0]) =>
    aDossier({ status: 'judicial', judicial: aJudicialState(judicial) });

  it('a decided `file` without its court file builds it; nothing before its day, nothing twice', () => {
    const dossier = inCourt({
      decision: { kind: 'file', decidedOn: '2026-04-09', by: 'creditor' },
      nextCheckOn: '2026-04-09',
    });
    expect(judicialStepStage(dossier, '2026-04-08')).toBe('nothing-due');
    expect(judicialStepStage(dossier, '2026-04-10')).toBe('court-file');
    const { nextCheckOn: _done, ...filed } = dossier.judicial!;
    expect(judicialStepStage({ ...dossier, judicial: filed }, '2026-04-10')).toBe('nothing-due');
  });

  it('an opposition, a title, an enforcement are followed up without a court deadline', () => {
    const served = aJudicialState({
      stage: 'order-served',
      events: { 'order-served': '2026-01-20' },
      deadlines: [{ kind: 'opposition', date: '2026-02-20', article: 'CPC 1416', alerted: [] }],
    });
    const opposed = applyCourtEvent(served, { kind: 'opposition-received', date: '2026-02-02' });
    expect(opposed.ok && opposed.state).toMatchObject({ stage: 'opposition', followUpOn: '2026-02-02' });
    const dossier = aDossier({ status: 'judicial', judicial: opposed.ok ? opposed.state : served });
    expect(judicialCheckDay(dossier)).toBe('2026-02-02');
    expect(judicialStepStage(dossier, '2026-02-03')).toBe('opposition');
    const titled = applyCourtEvent(aJudicialState({ stage: 'opposition', events: {} }), {
      kind: 'judgment',
      date: '2026-05-04',
    });
    expect(titled.ok && titled.state.followUpOn).toBe('2026-05-04');
    const mandated = applyCourtEvent(titled.ok ? titled.state : served, {
      kind: 'enforcement-mandate',
      date: '2026-05-10',
    });
    // Three months without an act: ask for news (a practice follow-up, not a legal deadline).
    expect(mandated.ok && mandated.state.followUpOn).toBe('2026-08-10');
  });
});

describe('the claim declaration to the mandataire (C.com. L622-24, R622-24)', () => {
  const watch = claimDeclarationWatch({
    kind: 'safeguard',
    openedOn: '2026-03-02',
    publishedOn: '2026-03-10',
  })!;

  it('is due two months after the BODACC publication, with alerts 30 and 7 days before', () => {
    expect(watch).toMatchObject({ declareBy: '2026-05-10', nextCheckOn: '2026-04-10', alerted: [] });
    const first = reviewClaimDeclaration(watch, '2026-04-10', false);
    expect(first.alert).toEqual({ daysBefore: 30, declareBy: '2026-05-10' });
    expect(first.watch.nextCheckOn).toBe('2026-05-03');
    const second = reviewClaimDeclaration(first.watch, '2026-05-03', false);
    expect(second.alert?.daysBefore).toBe(7);
    expect(second.watch.nextCheckOn).toBe('2026-05-11');
    const late = reviewClaimDeclaration(second.watch, '2026-05-11', false);
    expect(late.lapsed).toEqual({ declareBy: '2026-05-10' });
    expect(late.watch.nextCheckOn).toBeUndefined();
  });

  it('stops once declared; none for over-indebtedness or without a publication', () => {
    expect(reviewClaimDeclaration(watch, '2026-04-10', true)).toEqual({
      watch: { publishedOn: '2026-03-10', declareBy: '2026-05-10', taskId: watch.taskId, alerted: [] },
    });
    expect(
      claimDeclarationWatch({ kind: 'over-indebtedness', openedOn: '2026-03-02', publishedOn: '2026-03-10' }),
    ).toBeUndefined();
    expect(claimDeclarationWatch({ kind: 'liquidation', openedOn: '2026-03-02' })).toBeUndefined();
  });

  it('puts the dossier on the judicial index, whatever its status', () => {
    expect(judicialCheckDay(aDossier({ status: 'open', claimDeclaration: watch }))).toBe('2026-04-10');
    expect(judicialStepStage(aDossier({ status: 'open', claimDeclaration: watch }), '2026-04-10')).toBe(
      'claim-declaration',
    );
  });
});

describe('the small-claims agreement in the prescription watch', () => {
  it('acknowledges the claim (C.civ. 2240): its own period starts again; not the 10 years of CPCE L111-4', () => {
    const agreed = aJudicialState({
      stage: 'small-claims-agreed',
      events: { 'small-claims-invited': '2026-03-01', 'small-claims-agreed': '2026-03-12' },
    });
    expect(judicialPrescriptionEvents(agreed)).toEqual([{ type: 'acknowledgment', date: '2026-03-12' }]);
  });
});
