import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, parsePageArgs } from '../../../subgraphs/common/src/pagination';
import { MAX_IDENTIFIER_LENGTH, requireIdentifierText } from '../../../subgraphs/common/src/validation';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function badUserInput(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).message;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('cursors a caller sends back', () => {
  it('decode when this list handed them out', () => {
    const at = new Date('2026-05-01T10:00:00.000Z');
    expect(decodeCursor('customers', encodeCursor('customers', { t: at, id: 'cus_1' }))).toEqual({ t: at, id: 'cus_1' });
  });

  it.each([
    ['an operator object', cursorOf({ $gt: '' })],
    ['a $where object', cursorOf({ $where: 'sleep(100)' })],
    ['a tuple with an operator as its id', cursorOf(['customers', '2026-05-01T10:00:00.000Z', { $ne: null }])],
    ['a tuple with an operator as its time', cursorOf(['customers', { $gt: '' }, 'cus_1'])],
    ['a tuple with an empty id', cursorOf(['customers', null, ''])],
    ['a tuple with extra members', cursorOf(['customers', null, 'cus_1', { $gt: '' }])],
    ['another list’s cursor', cursorOf(['crmContacts', null, 'C-1'])],
    ['an over-long cursor', cursorOf(['customers', null, 'x'.repeat(5000)])],
    ['not base64 JSON', '$gt'],
  ])('are refused when they are %s', (_name, cursor) => {
    expect(badUserInput(() => decodeCursor('customers', cursor))).toMatch(/^after: ".*"…? is not a cursor of customers/);
  });

  it('never echo more than a short prefix of a long cursor', () => {
    const message = badUserInput(() => decodeCursor('customers', 'A'.repeat(10_000)));
    expect(message.length).toBeLessThan(250);
  });

  it('and first stays within 0..100', () => {
    expect(badUserInput(() => parsePageArgs('customers', { first: 101 }))).toBe('first must be at most 100; got 101');
    expect(badUserInput(() => parsePageArgs('customers', { first: -1 }))).toMatch(/between 0 and 100; got -1/);
    expect(badUserInput(() => parsePageArgs('customers', { first: 1.5 }))).toMatch(/integer/);
  });
});

describe('free-text identifiers', () => {
  it('are trimmed', () => {
    expect(requireIdentifierText('  L-100 ', 'by.value')).toBe('L-100');
  });

  it('are refused when blank, too long or holding control characters, naming the argument', () => {
    expect(badUserInput(() => requireIdentifierText('   ', 'by.value'))).toBe('by.value must not be blank');
    expect(badUserInput(() => requireIdentifierText('x'.repeat(MAX_IDENTIFIER_LENGTH + 1), 'by.value'))).toBe(
      `by.value is ${MAX_IDENTIFIER_LENGTH + 1} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`,
    );
    expect(badUserInput(() => requireIdentifierText('a\u0000b', 'by.value'))).toBe('by.value must not contain control characters');
  });
});
