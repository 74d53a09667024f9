import type { IncomingHttpHeaders } from 'node:http';

const JSON_MEDIA_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/**
 * A POST body Yoga would refuse with an empty 415: answer with a JSON error that says what to
 * send instead. Returns undefined when the content type is fine.
 */
export function unsupportedContentType(method: string | undefined, headers: IncomingHttpHeaders): string | undefined {
  if (method !== 'POST') return undefined;
  const contentType = headers['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (JSON_MEDIA_TYPES.has(mediaType)) return undefined;
  return `Content-Type ${contentType ? JSON.stringify(contentType) : '(none)'} is not accepted; send the GraphQL request as application/json`;
}
