import type { ReactNode } from 'react';
import { useGraphQL } from '../../api/hooks';
import type { GraphQLErrorShape } from '../../api/graphql';
import { QueryStatus, Section } from '../../components/Section';
import { FieldValue } from '../../components/Withheld';
import { formatDate } from '../../format';
import { graphql } from '../../gql';

const CustomerRecords = graphql(`
  query CustomerRecords($id: ID!) {
    customer(id: $id) {
      id
      crmContacts { contactId fullName email phone postalCode country loyaltyId updatedAt }
      webVisitors { visitorId firstSeenAt lastSeenAt devices latestEmail sessionCount orderCount }
      posShoppers { shopperKey kind member { loyaltyId fullName email phone postalCode country updatedAt } }
    }
  }
`);

type Column<T> = { label: string; field?: string; render: (row: T) => ReactNode };

/** A table of one channel's records, each restricted field shown withheld where it is. */
function RecordTable<T>({ caption, rows, columns, path, errors }: { caption: string; rows: T[]; columns: Column<T>[]; path: (string | number)[]; errors: readonly GraphQLErrorShape[] }) {
  if (rows.length === 0) return null;
  return (
    <table className="records">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {columns.map((column) => (
              <td key={column.label}>
                {column.field ? (
                  <FieldValue value={(row as Record<string, unknown>)[column.field] as ReactNode} path={[...path, i, column.field]} errors={errors}>
                    {(value) => value}
                  </FieldValue>
                ) : (
                  column.render(row)
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const text = (field: string, label: string): Column<unknown> => ({ label, field, render: () => null });

/** The channel records linked to the customer, as each channel holds them. */
export function Records({ id }: { id: string }) {
  const result = useGraphQL(CustomerRecords, { id });
  const errors = result.data?.errors ?? [];
  const customer = result.data?.data?.customer;
  return (
    <Section id="records-heading" heading="Channel records">
      <QueryStatus query={result} what="the records" missing={result.isSuccess && !customer} />
      {customer && (
        <>
          <RecordTable
            caption="CRM contacts"
            rows={customer.crmContacts}
            path={['customer', 'crmContacts']}
            errors={errors}
            columns={[
              { label: 'Contact', render: (c) => <code>{c.contactId}</code> },
              text('fullName', 'Name'),
              text('email', 'Email'),
              text('phone', 'Phone'),
              text('postalCode', 'Postcode'),
              text('country', 'Country'),
              { label: 'Updated', render: (c) => formatDate(c.updatedAt) },
            ]}
          />
          <RecordTable
            caption="Web visitors"
            rows={customer.webVisitors}
            path={['customer', 'webVisitors']}
            errors={errors}
            columns={[
              { label: 'Visitor', render: (v) => <code>{v.visitorId}</code> },
              text('latestEmail', 'Latest email'),
              { label: 'Devices', render: (v) => v.devices.map((d) => d.toLowerCase()).join(', ') },
              { label: 'Sessions', render: (v) => v.sessionCount },
              { label: 'Orders', render: (v) => v.orderCount },
              { label: 'Seen', render: (v) => `${formatDate(v.firstSeenAt)} – ${formatDate(v.lastSeenAt)}` },
            ]}
          />
          <RecordTable
            caption="Store shoppers"
            rows={customer.posShoppers}
            path={['customer', 'posShoppers']}
            errors={errors}
            columns={[
              { label: 'Shopper', render: (s) => <code>{s.shopperKey}</code> },
              { label: 'Kind', render: (s) => s.kind.toLowerCase().replaceAll('_', ' ') },
              { label: 'Member', render: (s) => (s.member ? <MemberName errors={errors} index={customer.posShoppers.indexOf(s)} name={s.member.fullName} /> : '–') },
              { label: 'Member email', render: (s) => (s.member ? <FieldValue value={s.member.email} path={['customer', 'posShoppers', customer.posShoppers.indexOf(s), 'member', 'email']} errors={errors}>{(v) => v}</FieldValue> : '–') },
            ]}
          />
        </>
      )}
    </Section>
  );
}

function MemberName({ errors, index, name }: { errors: readonly GraphQLErrorShape[]; index: number; name: string | null | undefined }) {
  return (
    <FieldValue value={name} path={['customer', 'posShoppers', index, 'member', 'fullName']} errors={errors}>
      {(v) => v}
    </FieldValue>
  );
}
