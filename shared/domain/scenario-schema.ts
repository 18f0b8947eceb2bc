import * as z from 'zod';
import type { Scenario } from './scenario';

const level = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lowercase letters, digits and dashes'),
  offsetDays: z.number().int().min(-30).max(365),
  channels: z.array(z.enum(['email', 'sms', 'letter', 'call'])).max(4),
  template: z.string().min(1).max(60),
  tone: z.enum(['courteous', 'firm', 'formal']),
  kind: z.enum(['reminder', 'formal-notice', 'judicial-review']),
  paymentDeadlineDays: z.number().int().min(8).max(60).optional(),
});

/**
 * A tenant's own ladder, checked before it can reach a debtor: the rules that keep any ladder
 * lawful and evidential hold whatever the configuration says.
 */
export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{3,60}$/, 'lowercase letters, digits and dashes'),
    name: z.string().min(1).max(120),
    debtorTypes: z.array(z.enum(['professional', 'consumer', 'non-professional-legal-person'])).min(1),
    claimsRecoveryIndemnity: z.boolean(),
    levels: z.array(level).min(2).max(12),
  })
  .superRefine((scenario, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const ids = new Set<string>();
    scenario.levels.forEach((l, i) => {
      if (ids.has(l.id)) issue(['levels', i, 'id'], `duplicate level id ${l.id}`);
      ids.add(l.id);
      const previous = scenario.levels[i - 1];
      if (previous && l.offsetDays <= previous.offsetDays)
        issue(['levels', i, 'offsetDays'], 'offsets must increase');
      if (l.kind === 'formal-notice') {
        // C.civ. 1344: a notice gives a real deadline; it goes as a letter (LRAR is its proof).
        if (l.paymentDeadlineDays === undefined)
          issue(['levels', i, 'paymentDeadlineDays'], 'required for a formal notice');
        if (!l.channels.includes('letter')) issue(['levels', i, 'channels'], 'a formal notice is a letter');
      }
      if (l.kind !== 'judicial-review' && l.channels.length === 0)
        issue(['levels', i, 'channels'], 'at least one channel');
    });
    const kinds = scenario.levels.map((l) => l.kind);
    const notice = kinds.indexOf('formal-notice');
    const judicial = kinds.indexOf('judicial-review');
    if (kinds.filter((k) => k === 'formal-notice').length > 1) issue(['levels'], 'at most one formal notice');
    if (judicial >= 0 && (notice < 0 || judicial < notice))
      issue(['levels'], 'judicial review needs a formal notice before it');
    if (judicial >= 0 && judicial !== kinds.length - 1) issue(['levels'], 'judicial review ends the ladder');
    if (notice === 0) issue(['levels'], 'a formal notice is never the first contact');
    // C.com. L441-10 II, D441-5: the 40 EUR indemnity is owed by professionals only.
    if (scenario.claimsRecoveryIndemnity && scenario.debtorTypes.includes('consumer'))
      issue(['claimsRecoveryIndemnity'], 'no recovery indemnity from consumers');
  });

export function parseScenario(value: unknown): Scenario {
  return scenarioSchema.parse(value) as Scenario;
}
