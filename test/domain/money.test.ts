import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors';
import { formatEuros, money, parseEurosToCents, sumCents } from '../../shared/domain/money';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatEuros', () => {
  it.each([
    [0, `0,00${NBSP}€`],
    [5, `0,05${NBSP}€`],
    [99, `0,99${NBSP}€`],
    [100, `1,00${NBSP}€`],
    [123_456, `1${NNBSP}234,56${NBSP}€`],
    [100_000_000, `1${NNBSP}000${NNBSP}000,00${NBSP}€`],
    [-4_000, `-40,00${NBSP}€`],
    [-123_456, `-1${NNBSP}234,56${NBSP}€`],
  ])('formats %i cents as %j', (cents, expected) => {
    expect(formatEuros(cents)).toBe(expected);
  });

  it('groups thousands with a narrow no-break space and never a plain space or a dot', () => {
    const text = formatEuros(987_654_321);
    expect(text).toBe(`9${NNBSP}876${NNBSP}543,21${NBSP}€`);
    expect(text).not.toMatch(/[ .]/);
  });
});

describe('parseEurosToCents', () => {
  it.each([
    ['1234', 123_400],
    ['1234.56', 123_456],
    ['1234,56', 123_456],
    ['1 234,56', 123_456],
    [`1${NNBSP}234,56`, 123_456],
    [`1${NBSP}234,56${NBSP}€`, 123_456],
    ['1234.5', 123_450],
    ['0,05', 5],
    ['0.1', 10],
    ['  42 € ', 4_200],
    ['-12,30', -1_230],
    ['-0.01', -1],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseEurosToCents(text)).toBe(cents);
  });

  it.each(['', 'abc', '12,345', '1.234,56', '1,234.56', '12.', ',5', '--5', '5-', '1e3', '12,3,4', 'EUR 12'])(
    'rejects %j',
    (text) => {
      expect(parseEurosToCents(text)).toBeUndefined();
    },
  );

  it('round-trips every amount through its French formatting (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(parseEurosToCents(formatEuros(cents))).toBe(cents);
      }),
    );
  });

  it('is exact where float arithmetic is not (0.29 € is 29 cents, not 28.999…)', () => {
    expect(parseEurosToCents('0.29')).toBe(29);
    expect(parseEurosToCents('1.15')).toBe(115);
    expect(parseEurosToCents('4.35')).toBe(435);
  });
});

describe('money', () => {
  it('keeps integer cents with the currency', () => {
    expect(money(1_999)).toEqual({ cents: 1_999, currency: 'EUR' });
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d cents', (cents) => {
    expect(() => money(cents)).toThrow(ValidationError);
  });

  it('sums cents', () => {
    expect(sumCents([])).toBe(0);
    expect(sumCents([10, 20, -5])).toBe(25);
  });
});
