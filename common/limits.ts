/**
 * The most calls one HTTP request may batch. The server refuses a larger batch (400) and the web
 * client's batch link splits at the same size, so a page never meets the limit: one batch of a
 * hundred heavy queries used to hold the server's only thread for seconds.
 */
export const MAX_BATCH_CALLS = 20;
