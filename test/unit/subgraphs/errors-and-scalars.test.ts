import { GraphQLError, Kind } from 'graphql';
import { badUserInput, createFormatError } from '../../../subgraphs/common/src/errors';
import { DateTimeScalar } from '../../../subgraphs/common/src/scalars';

describe('formatError', () => {
  it('keeps client errors and hides everything else', () => {
    const logged: unknown[] = [];
    const format = createFormatError((error) => logged.push(error));
    const input = badUserInput('first must be at most 100; got 500', 'first');
    expect(format({ message: input.message, extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } }, input)).toEqual({
      message: 'first must be at most 100; got 500',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
    });
    expect(logged).toEqual([]);

    const internal = new Error('connection 3 to 10.0.0.7:27017 closed');
    const wrapped = new GraphQLError(internal.message, { originalError: internal, path: ['crmContact'] });
    const formatted = format(
      { message: internal.message, path: ['crmContact'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: ...'] } },
      wrapped,
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['crmContact'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toEqual([internal]);
  });

  it('does not trust a BAD_USER_INPUT code on an error that is not ours', () => {
    const format = createFormatError(() => undefined);
    const foreign = new TypeError('secret detail');
    const wrapped = new GraphQLError('secret detail', { originalError: foreign, path: ['x'] });
    expect(format({ message: 'secret detail', extensions: { code: 'BAD_USER_INPUT' } }, wrapped).message).toBe('Internal server error');
  });
});

describe('DateTime', () => {
  it('writes dates and ISO strings as ISO-8601 UTC', () => {
    expect(DateTimeScalar.serialize(new Date('2025-01-02T03:04:05Z'))).toBe('2025-01-02T03:04:05.000Z');
    expect(DateTimeScalar.serialize('2025-01-02T04:04:05+01:00')).toBe('2025-01-02T03:04:05.000Z');
    expect(() => DateTimeScalar.serialize('yesterday')).toThrow(TypeError);
  });

  it('reads ISO date-times and refuses anything else as BAD_USER_INPUT', () => {
    expect(DateTimeScalar.parseValue('2025-01-02T03:04:05Z')).toEqual(new Date('2025-01-02T03:04:05Z'));
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2025-01-02T03:04Z' })).toEqual(new Date('2025-01-02T03:04:00Z'));
    for (const bad of ['2025-01-02', '2025-02-30T00:00:00Z', 42]) {
      expect(() => DateTimeScalar.parseValue(bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    }
  });
});
