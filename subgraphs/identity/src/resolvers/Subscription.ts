import { badUserInput } from '../../../common/src/errors';
import type { CustomerDoc } from '../../../../src/identity/store/documents';
import { customerEventStream, type CustomerEventDoc, type CustomerEventKind } from '../../../../src/live/events';
import type { IdentityContext } from '../context';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import { createLoaders } from '../loaders';

const PUBLIC_KINDS: readonly CustomerEventKind[] = ['MERGED', 'SPLIT', 'BAND_CHANGED', 'FORGOTTEN'];

/**
 * A subscription's context lives as long as the subscription: its loaders would answer every event
 * from what the first one read, so each event starts with fresh ones.
 */
function refreshLoaders(context: IdentityContext): void {
  context.loaders = createLoaders(context.db);
}

/** The customer after each change of theirs; null, then the end, once they are forgotten. Refused for an unknown id. */
async function customerChanges(id: string, context: IdentityContext): Promise<AsyncIterableIterator<CustomerDoc | null>> {
  // Subscribed before the lookup, so a change made meanwhile is not missed.
  const following = { current: id };
  const stream = customerEventStream(
    context.events,
    (event) => event.customerIds.includes(following.current) || (event.kind === 'MERGED' && (event.mergedFrom ?? []).includes(following.current)),
  );
  const customer = await context.loaders.customerById.load(id).catch(async (error: unknown) => {
    await stream.return?.();
    throw error;
  });
  if (!customer) {
    await stream.return?.();
    throw badUserInput(`No customer has the id ${JSON.stringify(id)}`, 'id');
  }
  // An id merged away is followed as its survivor.
  following.current = customer._id;
  const changes = follow(customer._id, following, stream, context);
  // A generator waiting on the stream cannot be returned until it yields: ending the stream first
  // lets it finish at once when the client goes away.
  const iterator: AsyncIterableIterator<CustomerDoc | null> = {
    next: () => changes.next(),
    async return() {
      await stream.return?.();
      return changes.return(undefined);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

async function* follow(
  id: string,
  following: { current: string },
  stream: AsyncIterableIterator<CustomerEventDoc>,
  context: IdentityContext,
): AsyncGenerator<CustomerDoc | null, undefined> {
  let current = id;
  try {
    for await (const event of stream) {
      if (event.kind === 'FORGOTTEN') {
        yield null;
        return undefined;
      }
      // An id merged away follows its survivor.
      if (event.kind === 'MERGED' && event.customerIds[0] && (event.mergedFrom ?? []).includes(current)) current = following.current = event.customerIds[0];
      refreshLoaders(context);
      const now = await context.loaders.customerById.load(current);
      yield now;
      if (!now) return undefined;
    }
    return undefined;
  } finally {
    await stream.return?.();
  }
}

export const Subscription: SubscriptionResolvers = {
  customerChanged: {
    subscribe: (_parent, { id }, context) => customerChanges(id, context),
    resolve: (payload: CustomerDoc | null) => payload,
  },
  customerEvents: {
    subscribe: (_parent, { kinds }, context) => {
      const wanted = new Set<CustomerEventKind>(kinds?.length ? (kinds as CustomerEventKind[]) : PUBLIC_KINDS);
      return customerEventStream(context.events, (event) => wanted.has(event.kind));
    },
    resolve: (payload: CustomerEventDoc, _args: unknown, context: IdentityContext) => {
      refreshLoaders(context);
      return payload;
    },
  },
};
