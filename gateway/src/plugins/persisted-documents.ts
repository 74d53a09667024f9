import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { LimitCode } from './limit-error';

/** SHA-256 of a document, in hex: the key clients send as `extensions.persistedQuery.sha256Hash`. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/**
 * Reads a trusted-documents file: a JSON object mapping each document's SHA-256 hex hash to the
 * document text (the format of GraphQL Codegen's client preset and Hive's app deployments). Every
 * hash is checked against its document, so the file cannot allow more than it shows.
 */
export function loadPersistedDocuments(filePath: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    throw new Error(`Persisted documents file ${filePath} could not be read as JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Persisted documents file ${filePath} must be a JSON object of { "<sha256 hex>": "<document>" }`);
  }
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(parsed)) {
    if (typeof document !== 'string') throw new Error(`Persisted documents file ${filePath}: entry ${hash} is not a string`);
    const actual = documentHash(document);
    if (actual !== hash.toLowerCase()) {
      throw new Error(`Persisted documents file ${filePath}: entry ${hash} does not match its document (SHA-256 ${actual})`);
    }
    documents.set(actual, document);
  }
  return documents;
}

function persistedHashOf(params: { extensions?: Record<string, unknown>; documentId?: unknown } | undefined): string | undefined {
  const persistedQuery = params?.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const hash = persistedQuery?.sha256Hash ?? params?.documentId;
  return typeof hash === 'string' ? hash : undefined;
}

/** The runtime's `persistedDocuments` option over an in-memory map of trusted documents. */
export function persistedDocumentsOption(
  documents: ReadonlyMap<string, string>,
  persistedOnly: boolean,
): NonNullable<GatewayConfigBase<Record<string, unknown>>['persistedDocuments']> {
  return {
    getPersistedOperation: (key: string) => documents.get(key.toLowerCase()) ?? null,
    allowArbitraryDocuments: !persistedOnly,
    customErrors: {
      notFound: (payload) =>
        new GraphQLError(`No persisted document has the hash ${JSON.stringify(persistedHashOf(payload.params) ?? '')}`, {
          extensions: { code: LimitCode.PERSISTED_NOT_FOUND, http: { status: 400 } },
        }),
      persistedQueryOnly: () =>
        new GraphQLError(
          'Only persisted documents are accepted: send extensions.persistedQuery.sha256Hash (or documentId) of an allowed document',
          { extensions: { code: LimitCode.PERSISTED_ONLY, http: { status: 400 } } },
        ),
      keyNotFound: () =>
        new GraphQLError('Only persisted documents are accepted, and this request names none', {
          extensions: { code: LimitCode.PERSISTED_ONLY, http: { status: 400 } },
        }),
    },
  };
}
