/**
 * The public API's page sizes: every connection's `first` defaults to `DEFAULT_PAGE_SIZE` and is
 * at most `MAX_PAGE_SIZE`. The subgraphs enforce them and the gateway prices queries by them.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
