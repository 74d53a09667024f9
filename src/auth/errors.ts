/**
 * Why a request could not be authenticated. The message is written for the client: it names what
 * was wrong (missing, expired, bad signature, ...) and never echoes the token or a stack.
 */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED' as const;

  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}
