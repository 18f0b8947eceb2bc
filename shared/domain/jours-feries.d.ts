// @socialgouv/jours-feries ships no types: its one function, as the contact policy calls it.
declare module '@socialgouv/jours-feries' {
  export default function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
