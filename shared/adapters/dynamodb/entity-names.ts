/** The `entity` attribute of each item type the repository writes (docs/data-model.md, item types). */
export const ENTITY = {
  dossier: 'Dossier',
  event: 'TimelineEvent',
  claim: 'InvoiceClaim',
  task: 'CallTask',
  tenant: 'Tenant',
  messageRef: 'MessageRef',
};
