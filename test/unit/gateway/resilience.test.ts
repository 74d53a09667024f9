import { GraphQLError } from 'graphql';
import { createMaskError, createResilience } from '../../../gateway/src/resilience';

const maskError = createMaskError((subgraph) => (subgraph === 'crm' ? 250 : undefined));

function mask(error: unknown) {
  const masked = maskError(error, 'Unexpected error.', false) as GraphQLError;
  return { message: masked.message, path: masked.path, extensions: masked.extensions };
}

describe('the gateway error masking', () => {
  it('names the subgraph that could not be reached, and nothing of the request', () => {
    const transport = new GraphQLError('connect ECONNREFUSED 127.0.0.1:4001', {
      path: ['crmContact'],
      extensions: { code: 'SUBREQUEST_HTTP_ERROR', serviceName: 'crm', request: { method: 'POST', body: '{"query":"…"}' } },
    });
    expect(mask(transport)).toEqual({
      message: 'Subgraph crm is unavailable',
      path: ['crmContact'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'crm' },
    });
  });

  it('names the subgraph that timed out, with its timeout', () => {
    const timeout = new GraphQLError('The operation was aborted due to timeout', {
      path: ['crmContact'],
      extensions: { code: 'GATEWAY_TIMEOUT', serviceName: 'crm', http: { status: 504 } },
    });
    // No `http` extension: the other fields' data still goes out with 200.
    expect(mask(timeout)).toEqual({
      message: 'Subgraph crm did not answer within 250 ms',
      path: ['crmContact'],
      extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'crm' },
    });
  });

  it("keeps a subgraph's own error message and extensions, dropping the transport's bookkeeping", () => {
    const answered = new GraphQLError('by.value must not be blank', {
      path: ['findCustomer'],
      extensions: {
        code: 'BAD_USER_INPUT',
        argumentName: 'by',
        serviceName: 'identity',
        request: { body: '{"query":"…"}' },
        response: { status: 200 },
      },
    });
    expect(mask(answered)).toEqual({
      message: 'by.value must not be blank',
      path: ['findCustomer'],
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'by', serviceName: 'identity' },
    });
  });

  it('masks anything else as an unexpected error', () => {
    const masked = mask(new Error('secret internals at /srv/omnidex'));
    expect(masked.message).toBe('Unexpected error.');
    expect(masked.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(masked)).not.toContain('/srv/omnidex');
  });

  it('gives each subgraph its own timeout', () => {
    const { upstreamTimeout } = createResilience({ crm: 500, web: 9000 });
    if (typeof upstreamTimeout !== 'function') throw new Error('expected a timeout per subgraph');
    expect(upstreamTimeout({ subgraphName: 'crm' })).toBe(500);
    expect(upstreamTimeout({ subgraphName: 'web' })).toBe(9000);
    expect(upstreamTimeout({})).toBeUndefined();
  });
});
