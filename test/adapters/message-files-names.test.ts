import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildEml } from '../../shared/adapters/message-files';
import { anEmail } from '../support/messages';

/**
 * A debtor's name in an e-mail as a real MIME parser reads it: Python's `email` package (the
 * modern policy decodes RFC 2047 words and charsets as mail clients do), not our own reader.
 */
const PARSE = `
import email, json, sys
from email import policy
message = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)
print(json.dumps({
  "to": [[a.display_name, a.addr_spec] for a in message["To"].addresses],
  "from": [[a.display_name, a.addr_spec] for a in message["From"].addresses],
  "subject": str(message["Subject"]),
  "defects": [str(d) for d in message.defects] + [str(d) for p in message.walk() for d in p.defects],
  "text": message.get_body(("plain",)).get_content(),
  "html": message.get_body(("html",)).get_content(),
}))
`;
const hasPython = spawnSync('python3', ['--version']).error === undefined;

function parseWithPython(eml: string): Record<string, unknown> {
  const run = spawnSync('python3', ['-c', PARSE], { input: eml, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe.runIf(hasPython)('buildEml with names from all over Europe', () => {
  it('keeps Łukasz Żółć, Dvořák, Ştefan, Ümit and € intact in headers and bodies', () => {
    // Prepare
    const message = anEmail({
      to: 'Łukasz Żółć <lukasz@zolc.example>',
      from: "Société Générale d'Éclairage <recouvrement@sge.example>",
      subject: 'Dvořák, Ştefan, Ümit : 1\u202f200,00\u00a0€ restent dus',
      text: 'Monsieur Łukasz Żółć,\nDvořák & Ştefan & Ümit doivent 12 €.',
      html: '<p>Monsieur Łukasz Żółć,</p><p>Dvořák &amp; Ştefan &amp; Ümit doivent 12 €.</p>',
    });

    // Act
    const parsed = parseWithPython(buildEml(message));

    // Assess
    expect(parsed['defects']).toEqual([]);
    expect(parsed['to']).toEqual([['Łukasz Żółć', 'lukasz@zolc.example']]);
    expect(parsed['from']).toEqual([["Société Générale d'Éclairage", 'recouvrement@sge.example']]);
    expect(parsed['subject']).toBe(message.subject);
    expect(parsed['text']).toBe(message.text);
    expect(parsed['html']).toBe(message.html);
  });
});
