import type {
  CrmCaseDoc,
  CrmContactDoc,
  PosMemberDoc,
  PosTransactionDoc,
  WebEventDoc,
  WebSessionDoc,
  WebVisitorDoc,
} from '../../../src/contract/documents';
import {
  customerInputsFromDocuments,
  emptyCustomerInputs,
  posTransactionInputFromDoc,
  webOrderInputsFromEvents,
  webSessionInputFromDoc,
} from '../../../src/insights/inputs';

const imported = { file: 'x', line: 1, importedAt: new Date('2026-07-01T00:00:00Z') };
const at = (iso: string) => new Date(iso);

const contactDoc: CrmContactDoc = {
  _id: 'C1',
  contactId: 'C1',
  firstName: 'Ana',
  lastName: 'Souza',
  email: 'ana@mail.com',
  country: 'GB',
  birthDate: '1990-04-01',
  loyaltyId: 'L1',
  emailOptIn: true,
  createdAt: at('2024-01-01T00:00:00Z'),
  updatedAt: at('2026-03-01T00:00:00Z'),
  imported,
};

const caseDoc: CrmCaseDoc = {
  _id: 'K1',
  caseId: 'K1',
  contactId: 'C1',
  channel: 'chat',
  subject: 'Where is my order?',
  status: 'closed',
  openedAt: at('2026-05-01T10:00:00Z'),
  closedAt: at('2026-05-02T10:00:00Z'),
  csat: 4,
  transcript: [],
  imported,
};

function sessionDoc(fields: Partial<WebSessionDoc> = {}): WebSessionDoc {
  return {
    _id: 'S1',
    sessionId: 'S1',
    visitorId: 'V1',
    startedAt: at('2026-05-03T10:00:00Z'),
    endedAt: at('2026-05-03T10:20:00Z'),
    eventCount: 4,
    devices: ['mobile'],
    hasAddToCart: true,
    hasOrder: false,
    orderIds: [],
    ...fields,
  };
}

const visitorDoc: WebVisitorDoc = {
  _id: 'V1',
  visitorId: 'V1',
  firstSeenAt: at('2026-01-01T00:00:00Z'),
  lastSeenAt: at('2026-05-03T10:20:00Z'),
  devices: ['mobile'],
  userIds: [],
  emails: ['ana@mail.com'],
  latestEmail: 'ana@mail.com',
  latestEmailAt: at('2026-04-01T00:00:00Z'),
  sessionCount: 3,
  orderCount: 1,
};

function event(eventId: string, fields: Partial<WebEventDoc>): WebEventDoc {
  return {
    _id: eventId,
    eventId,
    visitorId: 'V1',
    sessionId: 'S1',
    at: at('2026-05-03T10:00:00Z'),
    type: 'page_view',
    imported,
    ...fields,
  };
}

const memberDoc: PosMemberDoc = {
  _id: 'L1',
  loyaltyId: 'L1',
  firstName: 'Ana',
  lastName: 'Souza',
  postalCode: 'SW1A 1AA',
  enrolledAt: at('2025-01-01T00:00:00Z'),
  updatedAt: at('2026-02-01T00:00:00Z'),
  imported,
};

function transactionDoc(fields: Partial<PosTransactionDoc> = {}): PosTransactionDoc {
  return {
    _id: 'P1',
    transactionId: 'P1',
    storeId: 'LON-01',
    at: at('2026-05-04T12:00:00Z'),
    type: 'sale',
    shopperKey: 'receipt:P1',
    lines: [
      { sku: 'A', quantity: 2, unitPrice: 10, currency: 'GBP', imported },
      { sku: 'B', quantity: 1, unitPrice: 5.5, currency: 'GBP', imported },
    ],
    totals: [{ currency: 'GBP', amount: 25.5 }],
    ...fields,
  };
}

describe('inputs from stored documents', () => {
  it('maps every document kind, keeping only what the index reads', () => {
    const inputs = customerInputsFromDocuments({
      crmContacts: [contactDoc],
      crmCases: [caseDoc],
      webSessions: [sessionDoc({ email: 'ana@mail.com' })],
      webVisitors: [visitorDoc],
      webEvents: [event('E1', { type: 'order', orderId: 'O1', amount: 59.9, currency: 'GBP' })],
      posMembers: [memberDoc],
      posTransactions: [transactionDoc({ loyaltyId: 'L1', shopperKey: 'loyalty:L1' })],
    });
    expect(inputs).toEqual({
      crmContacts: [
        {
          contactId: 'C1',
          firstName: 'Ana',
          lastName: 'Souza',
          email: 'ana@mail.com',
          country: 'GB',
          birthDate: '1990-04-01',
          emailOptIn: true,
          updatedAt: at('2026-03-01T00:00:00Z'),
        },
      ],
      crmCases: [{ caseId: 'K1', contactId: 'C1', openedAt: at('2026-05-01T10:00:00Z'), csat: 4 }],
      webSessions: [
        { sessionId: 'S1', startedAt: at('2026-05-03T10:00:00Z'), recognised: true, hasAddToCart: true, hasOrder: false },
      ],
      webVisitors: [
        {
          visitorId: 'V1',
          latestEmail: 'ana@mail.com',
          latestEmailAt: at('2026-04-01T00:00:00Z'),
          lastSeenAt: at('2026-05-03T10:20:00Z'),
        },
      ],
      webOrders: [{ orderId: 'O1', at: at('2026-05-03T10:00:00Z'), amount: 59.9, currency: 'GBP' }],
      posMembers: [
        {
          loyaltyId: 'L1',
          firstName: 'Ana',
          lastName: 'Souza',
          postalCode: 'SW1A 1AA',
          updatedAt: at('2026-02-01T00:00:00Z'),
        },
      ],
      posTransactions: [
        {
          transactionId: 'P1',
          at: at('2026-05-04T12:00:00Z'),
          type: 'sale',
          recognised: true,
          amounts: [{ currency: 'GBP', amount: 25.5 }],
        },
      ],
    });
    expect(Object.keys(inputs.crmCases[0] ?? {})).not.toContain('transcript');
  });

  it('treats missing lists as empty', () => {
    expect(customerInputsFromDocuments({})).toEqual(emptyCustomerInputs());
  });

  it('recognises a session by a userId or an email, not by a blank one', () => {
    expect(webSessionInputFromDoc(sessionDoc({ userId: 'u-1' })).recognised).toBe(true);
    expect(webSessionInputFromDoc(sessionDoc({ email: 'a@mail.com' })).recognised).toBe(true);
    expect(webSessionInputFromDoc(sessionDoc({ email: ' ' })).recognised).toBe(false);
    expect(webSessionInputFromDoc(sessionDoc()).recognised).toBe(false);
  });

  it('recognises a transaction by a loyaltyId or a receipt email, never by a card token alone', () => {
    expect(posTransactionInputFromDoc(transactionDoc({ loyaltyId: 'L1' })).recognised).toBe(true);
    expect(posTransactionInputFromDoc(transactionDoc({ receiptEmail: 'a@mail.com' })).recognised).toBe(true);
    expect(posTransactionInputFromDoc(transactionDoc({ cardToken: 'tok_1', shopperKey: 'card:tok_1' })).recognised).toBe(
      false,
    );
  });

  it('keeps one web order per orderId, the latest event, and treats an order without id as its own', () => {
    const orders = webOrderInputsFromEvents([
      event('E1', { type: 'order', orderId: 'O1', amount: 10, currency: 'GBP', at: at('2026-05-03T10:00:00Z') }),
      event('E2', { type: 'order', orderId: 'O1', amount: 12, currency: 'GBP', at: at('2026-05-03T10:05:00Z') }),
      event('E3', { type: 'order', at: at('2026-05-04T10:00:00Z') }),
      event('E4', { type: 'add_to_cart', orderId: 'O9', amount: 99, currency: 'GBP' }),
    ]);
    expect(orders).toEqual([
      { orderId: 'O1', at: at('2026-05-03T10:05:00Z'), amount: 12, currency: 'GBP' },
      { orderId: 'E3', at: at('2026-05-04T10:00:00Z') },
    ]);
  });
});
