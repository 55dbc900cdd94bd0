/**
 * Participants' results and the class board over them: the result document (what is downloaded, sent and
 * dropped), nickname and class-code rules, and the board's pure views and CSV export.
 */
export * from './nickname';
export * from './schema';
export * from './board';
export * from './csv';
