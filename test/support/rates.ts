import type { RateOverride } from '../../shared/domain/legal/rate-overrides';

/** The 2026-H2 rates the packaged table lacks, as an operator adds them (`rates.json`, `rates/overrides.json`). */
export const RATES_2026_H2: RateOverride = {
  period: '2026-H2',
  legalIndividualPercent: 6.5,
  legalOtherPercent: 2.5,
  ecbPercent: 2.15,
  source: 'https://www.banque-france.fr/fr/statistiques/taux-et-cours/taux-dinteret-legal',
};
