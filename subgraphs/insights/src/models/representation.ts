import { z } from 'zod';
import {
  defined,
  emptyCustomerInputs,
  webOrderInputsFromEvents,
  type CrmCaseInput,
  type CrmContactInput,
  type CustomerInputs,
  type PosMemberInput,
  type PosTransactionInput,
  type WebSessionInput,
  type WebVisitorInput,
} from '../../../../src/insights';

/*
 * A Customer as the gateway hands it to insights: its key and the `@requires` fields — the
 * `crmFacts`, `webFacts` and `posFacts` the channel subgraphs resolve from the records identity
 * linked — as JSON (times as ISO strings, enums by their GraphQL names, null for a missing value).
 * `parseCustomerRepresentation` checks and converts it once, in `__resolveReference`; the field
 * resolvers turn it into the `CustomerInputs` the pure code reads.
 *
 * Which parts are present depends on the fields the query asked for (each has its own
 * `@requires`), so everything but the key is optional here and `customerInputs` insists on what
 * the asked-for view needs: a missing list is a planning fault, never "no records".
 */

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);
const flag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? undefined);
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const optionalInstant = instant.nullish().transform((value) => value ?? undefined);

/** The address fields of a contact or member fact. */
const address = { addressLine1: text, addressLine2: text, city: text, region: text };

const crmContact = z.object({
  contactId: z.string(),
  firstName: text,
  lastName: text,
  email: text,
  phone: text,
  ...address,
  postalCode: text,
  country: text,
  birthDate: text,
  emailOptIn: flag,
  smsOptIn: flag,
  updatedAt: instant,
});

const crmCase = z.object({
  caseId: z.string(),
  contactId: z.string(),
  openedAt: instant,
  csat: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? undefined),
});

const webVisitor = z.object({
  visitorId: z.string(),
  latestEmail: text,
  latestEmailAt: optionalInstant,
  lastSeenAt: instant,
});

const webSession = z.object({
  sessionId: z.string(),
  startedAt: instant,
  recognised: z.boolean(),
  hasAddToCart: z.boolean(),
  hasOrder: z.boolean(),
});

const webOrder = z.object({
  eventId: z.string(),
  orderId: text,
  at: instant,
  amount: z
    .number()
    .nullish()
    .transform((value) => value ?? undefined),
  currency: text,
});

const posMember = z.object({
  loyaltyId: z.string(),
  firstName: text,
  lastName: text,
  email: text,
  phone: text,
  ...address,
  postalCode: text,
  country: text,
  birthDate: text,
  updatedAt: instant,
});

const posTransaction = z.object({
  transactionId: z.string(),
  at: instant,
  type: z.enum(['SALE', 'RETURN']).transform((type) => (type === 'SALE' ? 'sale' : 'return') as 'sale' | 'return'),
  recognised: z.boolean(),
  totals: z.array(z.object({ amount: z.number(), currency: z.string() })),
});

const customerRepresentation = z.object({
  id: z.string(),
  crmFacts: z.object({ contacts: z.array(crmContact).optional(), cases: z.array(crmCase).optional() }).nullish(),
  webFacts: z
    .object({
      visitors: z.array(webVisitor).optional(),
      sessions: z.array(webSession).optional(),
      orders: z.array(webOrder).optional(),
    })
    .nullish(),
  posFacts: z.object({ members: z.array(posMember).optional(), transactions: z.array(posTransaction).optional() }).nullish(),
});

export type CustomerRepresentation = z.infer<typeof customerRepresentation>;

/**
 * Thrown when the gateway did not send what a field's `@requires` asks for (a channel subgraph
 * failed, or a planning fault); never the caller's fault, so it reaches clients as an internal error.
 */
export class RepresentationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepresentationError';
  }
}

/** Checks and converts the representation `_entities` received for a Customer. */
export function parseCustomerRepresentation(raw: unknown): CustomerRepresentation {
  const result = customerRepresentation.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RepresentationError(
      `Customer representation is not valid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  return result.data;
}

/** What a view reads: the profile records, the interactions (cases, sessions, receipts), the web orders. */
export interface InputNeeds {
  profile?: boolean;
  interactions?: boolean;
  orders?: boolean;
}

function required<T>(value: T | undefined, customerId: string, field: string): T {
  if (value === undefined) {
    throw new RepresentationError(
      `Customer ${customerId}: the gateway did not send ${field}, which @requires asks for (or its subgraph could not answer)`,
    );
  }
  return value;
}

/**
 * The customer's inputs for the pure code, from its representation: the same `CustomerInputs`
 * `customerInputsFromDocuments` builds from the stored documents. Lists a view does not need stay
 * empty.
 */
export function customerInputs(rep: CustomerRepresentation, needs: InputNeeds): CustomerInputs {
  const inputs = emptyCustomerInputs();
  const need = <T>(value: T | undefined, field: string) => required(value, rep.id, field);
  if (needs.profile) {
    inputs.crmContacts = need(rep.crmFacts?.contacts, 'crmFacts.contacts').map((c): CrmContactInput => defined(c));
    inputs.webVisitors = need(rep.webFacts?.visitors, 'webFacts.visitors').map((v): WebVisitorInput => defined(v));
    inputs.posMembers = need(rep.posFacts?.members, 'posFacts.members').map((m): PosMemberInput => defined(m));
  }
  if (needs.interactions) {
    inputs.crmCases = need(rep.crmFacts?.cases, 'crmFacts.cases').map((c): CrmCaseInput => defined(c));
    inputs.webSessions = need(rep.webFacts?.sessions, 'webFacts.sessions').map((s): WebSessionInput => ({ ...s }));
    inputs.posTransactions = need(rep.posFacts?.transactions, 'posFacts.transactions').map(
      (t): PosTransactionInput => ({
        transactionId: t.transactionId,
        at: t.at,
        type: t.type,
        recognised: t.recognised,
        amounts: t.totals.map(({ currency, amount }) => ({ currency, amount })),
      }),
    );
  }
  if (needs.orders) {
    // Deduplicated by order id across all the customer's visitors, as when read from the events.
    inputs.webOrders = webOrderInputsFromEvents(
      need(rep.webFacts?.orders, 'webFacts.orders').map((order) => ({ ...order, type: 'order' as const })),
    );
  }
  return inputs;
}
