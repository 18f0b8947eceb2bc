import type { LocalDate } from '../../calendar';
import type { Court, Reason } from '../../legal/procedure';
import { amount, longDate, shortDate } from '../../messages/format';
import type { PostalAddress } from '../../parties';
import type {
  ClaimLine,
  CourtDesignation,
  CourtParty,
  InjonctionRequest,
  ItemisedClaim,
  NoticeProof,
} from '../injonction-request';
import type { SmallClaimsInvitation } from '../small-claims-invitation';

/**
 * The French wording of the court file's documents (docs/legal.md §10, "The court file"): the
 * request for an injonction de payer and the small-claims invitation file. The content rules
 * (what must be there) live in injonction-request.ts and small-claims-invitation.ts; this file
 * only says it in French. The court-file builder lays these words out as a letter PDF.
 */

export interface CourtLetterWords {
  recipient: { name: string; address: PostalAddress };
  title: string;
  mention: string;
  paragraphs: string[];
  table: { headers: string[]; rows: string[][]; totals: string[] };
  closing: string[];
}

const eur = (cents: number) => amount(cents, 'fr');
const day = (date: LocalDate) => shortDate(date, 'fr');

export const COURT_LABELS_FR: Record<Court, string> = {
  'tribunal-de-commerce': 'tribunal de commerce',
  'tribunal-judiciaire': 'tribunal judiciaire',
  'juge-des-contentieux-de-la-protection': 'juge des contentieux de la protection du tribunal judiciaire',
};

export const BASIS_FR = {
  contract: {
    text: 'factures impayées émises pour des biens livrés ou des prestations exécutées en exécution du contrat liant les parties',
    article: 'C. civ. art. 1103, 1217 et 1231-6',
  },
  latePenalties: {
    text: 'pénalités de retard au taux de refinancement de la BCE majoré de 10 points, exigibles sans rappel',
    article: 'C. com. art. L441-10 II',
  },
  legalInterest: {
    text: 'intérêts au taux légal à compter de la mise en demeure',
    article: 'C. civ. art. 1231-6 et 1344-1',
  },
  indemnity: {
    text: 'indemnité forfaitaire pour frais de recouvrement, par facture payée en retard',
    article: 'C. com. art. L441-10 II et D441-5',
  },
  formalNotice: (sentOn: LocalDate): Reason => ({
    text: `mise en demeure adressée le ${day(sentOn)}, restée sans effet`,
    article: 'C. civ. art. 1344',
  }),
  procedure: {
    text: "créance d'origine contractuelle et d'un montant déterminé",
    article: 'CPC art. 1405',
  },
} as const;

export function oneLineAddress(address: PostalAddress): string {
  const country = address.country === 'FR' ? '' : ` (${address.country})`;
  return [address.line1, address.line2, `${address.postalCode} ${address.city}${country}`]
    .filter(Boolean)
    .join(', ');
}

export function partyLine(party: CourtParty): string {
  const id = party.siren ? `, SIREN ${party.siren}` : '';
  const seat = party.kind === 'company' ? 'dont le siège est' : 'demeurant';
  const agent = party.representedBy
    ? `, représenté par ${party.representedBy.name}, ${oneLineAddress(party.representedBy.address)}, mandataire`
    : '';
  return `${party.name}${id}, ${seat} ${oneLineAddress(party.address)}${agent}`;
}

export function courtLabel(court: CourtDesignation): string {
  return COURT_LABELS_FR[court.kind];
}

/** "Président du tribunal de commerce territorialement compétent pour 69003 Lyon". */
export function courtLine(court: CourtDesignation): string {
  const seat = [court.postalCode, court.city].filter(Boolean).join(' ');
  const judge =
    court.kind === 'juge-des-contentieux-de-la-protection'
      ? `Juge des contentieux de la protection du tribunal judiciaire`
      : `Président du ${courtLabel(court)}`;
  return `${judge} territorialement compétent pour ${seat} (domicile du débiteur, CPC art. 1406)`;
}

function interestWord(claim: ItemisedClaim): string {
  return claim.interestKind === 'late-penalties' ? 'Pénalités' : 'Intérêts';
}

function claimTable(claim: ItemisedClaim): CourtLetterWords['table'] {
  return {
    headers: ['Facture', 'Échéance', 'Principal', interestWord(claim), 'Indemnité', 'Total'],
    rows: claim.lines.map((line) => [
      line.invoice,
      day(line.dueDate),
      eur(line.principalDueCents),
      eur(line.interestCents),
      eur(line.indemnityCents),
      eur(line.totalDueCents),
    ]),
    totals: [
      'Total',
      '',
      eur(claim.totals.principalDueCents),
      eur(claim.totals.interestCents),
      eur(claim.totals.indemnityCents),
      eur(claim.totals.totalDueCents),
    ],
  };
}

/** One paragraph per invoice: principal, each run of interest with its rate, period and basis. */
function lineDetail(claim: ItemisedClaim, line: ClaimLine): string {
  const paid = line.paidCents > 0 ? `, dont ${eur(line.paidCents)} réglés` : '';
  const runs = line.interest.map(
    (p) =>
      `du ${day(p.from)} au ${day(p.to)} (${p.days} jours) au taux de ${p.ratePercent.toLocaleString('fr-FR')} % l'an sur ${eur(line.principalDueCents)} — ${basisFr(p.basis)} (${p.article}) : ${eur(p.cents)}`,
  );
  const interest =
    line.interest.length === 0
      ? `${interestWord(claim).toLowerCase()} : néant`
      : `${interestWord(claim).toLowerCase()} ${runs.join(' ; ')}${line.interestCents !== sumOf(line) ? ` ; restant dû après imputation des paiements : ${eur(line.interestCents)}` : ''}`;
  const indemnity = line.indemnityCents > 0 ? ` ; indemnité forfaitaire : ${eur(line.indemnityCents)}` : '';
  return `Facture n° ${line.invoice} du ${day(line.issueDate)}, échue le ${day(line.dueDate)}, montant ${eur(line.amountCents)}${paid} : principal restant dû ${eur(line.principalDueCents)} ; ${interest}${indemnity} ; total ${eur(line.totalDueCents)}.`;
}

/** The legal engine's bases (interest-terms.ts), in French; an unknown one prints as it is. */
export const INTEREST_BASIS_FR: Record<string, string> = {
  'ECB main refinancing rate of the half-year + 10 points':
    'taux de refinancement de la BCE du semestre majoré de 10 points',
  'contract penalty rate': 'taux des pénalités prévu au contrat',
  'contract rate raised to 3× the legal rate (floor)':
    'taux contractuel porté à trois fois le taux légal (plancher)',
  'legal rate from the formal notice': 'taux légal à compter de la mise en demeure',
  'legal rate after the judgment': 'taux légal après le jugement',
  'legal rate + 5 points, 2 months after the enforceable judgment':
    'taux légal majoré de 5 points, deux mois après que la décision est devenue exécutoire',
};

const basisFr = (basis: string) => INTEREST_BASIS_FR[basis] ?? basis;

const sumOf = (line: ClaimLine) => line.interest.reduce((total, p) => total + p.cents, 0);

const stopped = (claim: ItemisedClaim) => (claim.interestKind === 'late-penalties' ? 'arrêtées' : 'arrêtés');

function accessories(claim: ItemisedClaim): string[] {
  return [
    ...(claim.indemnity
      ? [
          `Indemnité forfaitaire pour frais de recouvrement : ${eur(claim.indemnity.perInvoiceCents)} par facture payée en retard par un professionnel (${claim.indemnity.article}), soit ${eur(claim.totals.indemnityCents)}.`,
        ]
      : []),
    claim.saufAParfaire
      ? `${interestWord(claim)} ${stopped(claim)} au ${day(claim.computedThrough)}, dernier jour couvert par un taux publié, sauf à parfaire.`
      : `${interestWord(claim)} ${stopped(claim)} au ${day(claim.computedThrough)}, sauf à parfaire jusqu'au paiement effectif.`,
  ];
}

function noticeLine(notice: NoticeProof | undefined): string[] {
  if (!notice) return [];
  const letter = notice.trackingRef
    ? ` (lettre recommandée avec accusé de réception n° ${notice.trackingRef})`
    : '';
  const receipt = notice.deliveredOn
    ? `, reçue le ${day(notice.deliveredOn)}`
    : notice.returnedOn
      ? `, présentée le ${day(notice.returnedOn)} et retournée (${notice.returnReason ?? 'pli avisé et non réclamé'})`
      : '';
  return [`Mise en demeure adressée le ${day(notice.sentOn)}${letter}${receipt}, restée sans effet.`];
}

const basisLines = (basis: readonly Reason[]) => basis.map((r) => `— ${r.text} (${r.article}).`);

function courtRecipient(court: CourtDesignation): CourtLetterWords['recipient'] {
  return {
    name:
      court.kind === 'juge-des-contentieux-de-la-protection'
        ? 'Juge des contentieux de la protection'
        : `Président du ${courtLabel(court)}`,
    address: {
      line1: 'Greffe — service des injonctions de payer',
      line2: 'territorialement compétent pour',
      postalCode: court.postalCode ?? '',
      city: court.city ?? '',
      country: court.country,
    },
  };
}

/** The request for an injonction de payer (CPC 1405–1407), in the order of the request form. */
export function requestWords(request: InjonctionRequest): CourtLetterWords {
  const { claim } = request;
  return {
    recipient: courtRecipient(request.court),
    title: 'Requête en injonction de payer',
    mention: `Articles 1405 à 1424 du Code de procédure civile — rubriques du ${request.form.reference}`,
    paragraphs: [
      `Juridiction saisie : ${courtLine(request.court)}.`,
      `Demandeur (créancier) : ${partyLine(request.creditor)}.`,
      `Défendeur (débiteur) : ${partyLine(request.debtor)}.`,
      `Le demandeur a l'honneur de solliciter une ordonnance enjoignant au défendeur de lui payer la somme de ${eur(claim.totals.totalDueCents)}, dont ${eur(claim.totals.principalDueCents)} en principal, ${eur(claim.totals.interestCents)} de ${claim.interestKind === 'late-penalties' ? 'pénalités de retard' : 'intérêts'} et ${eur(claim.totals.indemnityCents)} d'indemnités forfaitaires, selon le décompte ci-dessous (CPC art. 1407).`,
      'Décompte, facture par facture :',
      ...claim.lines.map((line) => lineDetail(claim, line)),
      ...accessories(claim),
      'Fondement de la créance :',
      ...basisLines(request.legalBasis),
      ...noticeLine(request.formalNotice),
      'Bordereau des pièces communiquées :',
      ...request.exhibits.map((e) => `Pièce n° ${e.number} : ${e.title}.`),
      'Le demandeur sollicite en outre la condamnation du défendeur aux dépens.',
    ],
    table: claimTable(claim),
    closing: [
      `Fait à ${request.place}, le ${longDate(request.date, 'fr')}.`,
      `Pour le demandeur, ${request.creditor.representedBy?.name ?? request.creditor.name} — signature :`,
    ],
  };
}

/** The file handed to a commissaire de justice for the small-claims invitation (CPCE L125-1, R125-1 ff.). */
export function invitationWords(invitation: SmallClaimsInvitation): CourtLetterWords {
  const { claim } = invitation;
  return {
    recipient: {
      name: 'Commissaire de justice',
      address: {
        line1: 'Procédure simplifiée de recouvrement des petites créances',
        line2: 'compétent pour',
        postalCode: invitation.debtor.address.postalCode,
        city: invitation.debtor.address.city,
        country: invitation.debtor.address.country,
      },
    },
    title: 'Demande de procédure simplifiée de recouvrement des petites créances',
    mention: 'Articles L125-1 et R125-1 et suivants du Code des procédures civiles d’exécution',
    paragraphs: [
      `Créancier : ${partyLine(invitation.creditor)}.`,
      `Débiteur : ${partyLine(invitation.debtor)}${invitation.debtor.email ? ` ; adresse électronique connue pour l'invitation par voie électronique : ${invitation.debtor.email}` : ''}.`,
      `Le créancier demande au commissaire de justice d'inviter le débiteur, par lettre recommandée avec demande d'avis de réception ou par voie électronique, à participer à la procédure simplifiée de recouvrement de la somme de ${eur(claim.totals.totalDueCents)} (principal et intérêts : ${eur(claim.totals.principalDueCents + claim.totals.interestCents)}, inférieurs au plafond de ${eur(invitation.thresholdCents)}, CPCE art. R125-1).`,
      'Décompte, facture par facture :',
      ...claim.lines.map((line) => lineDetail(claim, line)),
      ...accessories(claim),
      'Fondement de la créance :',
      ...basisLines(invitation.legalBasis),
      ...noticeLine(invitation.formalNotice),
      `Proposition du créancier : ${invitation.proposal.text}`,
      `Le débiteur dispose d'un délai d'un mois à compter de l'envoi de l'invitation pour accepter ; son silence vaut refus (CPCE art. L125-1, R125-1 et suivants). L'accord constaté par le commissaire de justice vaut titre exécutoire (CPCE art. L111-3 7°). Les frais de la procédure restent à la charge du créancier (CPCE art. L125-1).`,
      'Pièces remises au commissaire de justice :',
      ...invitation.exhibits.map((e) => `Pièce n° ${e.number} : ${e.title}.`),
    ],
    table: claimTable(claim),
    closing: [
      `Fait à ${invitation.place}, le ${longDate(invitation.date, 'fr')}.`,
      `Pour le créancier, ${invitation.creditor.representedBy?.name ?? invitation.creditor.name} — signature :`,
    ],
  };
}

/** Exhibit titles (bordereau): the court reads them; the bundle's file names match them. */
export const EXHIBIT_TITLES_FR = {
  invoice: (number: string, issueDate: LocalDate, amountCents: number) =>
    `Facture n° ${number} du ${day(issueDate)} (${eur(amountCents)})`,
  formalNotice: (sentOn: LocalDate) => `Mise en demeure du ${day(sentOn)}`,
  proof: (notice: NoticeProof) =>
    notice.deliveredOn
      ? `Preuve de dépôt et avis de réception du ${day(notice.deliveredOn)}`
      : notice.returnedOn
        ? `Preuve de dépôt et pli retourné, présenté le ${day(notice.returnedOn)}`
        : `Preuve d'envoi de la mise en demeure${notice.trackingRef ? ` (n° ${notice.trackingRef})` : ''}`,
  timeline: 'Historique des relances et des événements du dossier (extrait horodaté, empreintes SHA-256)',
} as const;

/** The creditor's default proposal in the small-claims procedure: the whole claim, within a month. */
export function proposalText(totalCents: number): string {
  return `paiement de la somme de ${eur(totalCents)} en un versement, dans le mois suivant l'accord constaté par le commissaire de justice, par virement ou chèque à l'ordre du créancier.`;
}
