import { describe, expect, it } from 'vitest';
import { safeErrorName } from '../../shared/use-cases/escalation/error-name';
import { errorKindSchema } from '../../shared/use-cases/escalation/page-inputs';
import { errorName } from '../../shared/use-cases/escalation/page-work';
import { failureInputSchema } from '../../shared/use-cases/escalation/step-inputs';

describe('safeErrorName: only a class-like name travels on', () => {
  it.each(['RegisteredMailError', 'States.Timeout', 'Lambda.TooManyRequestsException', 'x-1_2'])(
    'keeps %s',
    (name) => expect(safeErrorName(name)).toBe(name),
  );

  it.each([
    ['a message quoting a dossier', 'Adresse invalide: 3 rue des Lilas'],
    ['an e-mail address', 'jean.dupont@exemple.fr'],
    ['an empty string', ''],
    ['101 characters', 'E'.repeat(101)],
    ['no name', undefined],
    ['not a string', 42],
  ])('reduces %s to unknown', (_, value) => expect(safeErrorName(value)).toBe('unknown'));

  it('is what the three readers of an error name apply', () => {
    const leaky = 'Échec pour jean.dupont@exemple.fr';
    expect(errorName(Object.assign(new Error(leaky), { name: leaky }))).toBe('unknown');
    expect(errorName(new RangeError('x'))).toBe('RangeError');
    expect(errorKindSchema.parse(leaky)).toBe('unknown');
    expect(errorKindSchema.parse(undefined)).toBe('unknown');
    const failure = { asOf: '2026-11-30T06:00:00+01:00', tenantId: 't', dossierId: 'd' };
    expect(failureInputSchema.parse({ ...failure, errorKind: leaky }).errorKind).toBe('unknown');
  });
});
