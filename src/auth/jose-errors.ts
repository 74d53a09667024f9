import { errors } from 'jose';
import { AuthenticationError } from './errors';

/**
 * Turns whatever `jwtVerify` threw into an AuthenticationError that says why, in words a client
 * can act on. Errors that are not about the token (a JWKS endpoint down) are rethrown untouched so
 * the caller can log them as server faults.
 */
export function explainVerificationFailure(error: unknown, what: string): Error {
  if (error instanceof AuthenticationError) return error;
  if (error instanceof errors.JWTExpired) return new AuthenticationError(`${what} has expired`);
  if (error instanceof errors.JWTClaimValidationFailed) {
    // jose's messages name the claim: 'unexpected "iss" claim value', 'missing required "exp" claim'.
    return new AuthenticationError(`${what} was rejected: ${error.message}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthenticationError(`${what} signature is invalid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthenticationError(`${what} is signed with an algorithm that is not accepted`);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthenticationError(`${what} was signed by a key the identity provider does not publish`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new AuthenticationError(`${what} is not a well-formed JWT`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
