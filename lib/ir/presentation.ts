/**
 * Conventions every output shares, so that the text report and the HTML report agree. (The marker
 * that replaces a secret is `SECRET_MARK` in `secrets.ts`, beside the grammar that finds secrets.)
 */

/** Above this many sites a coverage matrix is replaced by counts (text) or device groups (HTML). */
export const MATRIX_MAX_SITES = 40;
