/**
 * Options for the interactive transactions of editing operations. Writers of
 * one environment queue on its row lock (PostgreSQL) or on the embedded
 * database's single session, so a transaction may wait its turn behind a few
 * others: wait up to 20 s to start, and allow a 20,000-origin save to finish.
 */
export const EDIT_TX = { maxWait: 20_000, timeout: 60_000 } as const;
