import { RecouvrementError } from '../../domain/errors';

/**
 * A file intake cannot read at all (binary, an unknown encoding, broken JSON): no row can be
 * trusted, so none is stored and `<key>.error.json` says why. The message names the problem,
 * never the file's content (it holds debtors' personal data).
 */
export class UnreadableFileError extends RecouvrementError {}
