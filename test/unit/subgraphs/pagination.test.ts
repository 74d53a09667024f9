import { GraphQLError } from 'graphql';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  parsePageArgs,
  toConnection,
} from '../../../subgraphs/common/src/pagination';

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
  return undefined;
}

describe('cursors', () => {
  it('round-trip a time and an id, and an id alone', () => {
    const position = { t: new Date('2025-01-02T03:04:05.678Z'), id: 'C-1' };
    expect(decodeCursor('list', encodeCursor('list', position))).toEqual(position);
    expect(decodeCursor('keys', encodeCursor('keys', { id: 'card:x' }))).toEqual({ id: 'card:x' });
  });

  it('are opaque: no raw id or time in the text', () => {
    const cursor = encodeCursor('list', { t: new Date(0), id: 'secret-id' });
    expect(cursor).not.toContain('secret-id');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['an impossible time', Buffer.from('["list","2025-13-45T00:00:00Z","x"]').toString('base64url')],
    ['a cursor of another list', encodeCursor('other', { id: 'x' })],
  ])('refuse %s with BAD_USER_INPUT', (_, cursor) => {
    expect(codeOf(() => decodeCursor('list', cursor))).toBe('BAD_USER_INPUT');
  });
});

describe('parsePageArgs', () => {
  it('defaults first and accepts the bounds', () => {
    expect(parsePageArgs('list', {})).toEqual({ first: DEFAULT_PAGE_SIZE });
    expect(parsePageArgs('list', { first: null, after: null })).toEqual({ first: DEFAULT_PAGE_SIZE });
    expect(parsePageArgs('list', { first: 0 }).first).toBe(0);
    expect(parsePageArgs('list', { first: MAX_PAGE_SIZE }).first).toBe(MAX_PAGE_SIZE);
  });

  it('names the limit when first is too large', () => {
    expect(() => parsePageArgs('list', { first: MAX_PAGE_SIZE + 1 })).toThrow(`first must be at most ${MAX_PAGE_SIZE}`);
    expect(codeOf(() => parsePageArgs('list', { first: -3 }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a key cursor in a time-ordered list and the reverse', () => {
    const keyCursor = encodeCursor('list', { id: 'a' });
    const timeCursor = encodeCursor('list', { t: new Date(0), id: 'a' });
    expect(codeOf(() => parsePageArgs('list', { after: keyCursor }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => parsePageArgs('list', { after: timeCursor }, 'by-key'))).toBe('BAD_USER_INPUT');
    expect(parsePageArgs('list', { after: timeCursor }).after).toEqual({ t: new Date(0), id: 'a' });
  });
});

describe('toConnection', () => {
  it('makes one cursor per edge and ends on the last one', () => {
    const nodes = [{ id: 'a' }, { id: 'b' }];
    const connection = toConnection('list', nodes, (n) => ({ id: n.id }), true, 7);
    expect(connection.edges.map((e) => decodeCursor('list', e.cursor).id)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: connection.edges[1]!.cursor });
    expect(connection.totalCount).toBe(7);
    expect(toConnection('list', [], (n: { id: string }) => n, false).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
