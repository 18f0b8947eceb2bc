import type {
  BlobStore,
  DossierRepository,
  EscalationLauncher,
  LetterRenderer,
  Logger,
  Messenger,
  RateSource,
  RegisteredMail,
  TenantDirectory,
} from '../ports';

/** What the escalation and sweep use cases need; each handler wires only the part it uses. */
export interface PipelineDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  messenger: Messenger;
  letters: LetterRenderer;
  /** Registered sending of the formal notice (LRAR / registered e-mail provider). */
  registeredMail: RegisteredMail;
  documents: BlobStore;
  documentsBucket: string;
  launcher: EscalationLauncher;
  logger: Logger;
  shardCount: number;
  /** Dossiers one sweep page task handles before it hands back a cursor. */
  dispatchBatch: number;
  /** Due dossiers per escalation execution (STEP_PAGE_SIZE; 50 when absent). */
  stepPageSize?: number;
  senderEmail: string;
  /** Rates for interest (formal notices) and the daily check of the current half-year. */
  rates: RateSource;
}
