import { useGraphQL } from '../../api/hooks';
import { FieldValue } from '../../components/Withheld';
import { QueryStatus, Section } from '../../components/Section';
import { CHANNEL_NAMES, formatDate } from '../../format';
import { graphql } from '../../gql';

const CustomerProfile = graphql(`
  query CustomerProfile($id: ID!) {
    customer(id: $id) {
      id
      profile {
        fullName { ...ProfileTextParts }
        firstName { ...ProfileTextParts }
        lastName { ...ProfileTextParts }
        email { ...ProfileTextParts }
        phone { ...ProfileTextParts }
        postalCode { ...ProfileTextParts }
        country { ...ProfileTextParts }
        birthDate { ...ProfileTextParts }
        emailOptIn { value source recordId updatedAt conflicts { value source recordId updatedAt } }
        smsOptIn { value source recordId updatedAt conflicts { value source recordId updatedAt } }
      }
    }
  }
  fragment ProfileTextParts on ProfileText {
    value
    source
    recordId
    updatedAt
    conflicts { value source recordId updatedAt }
  }
`);

const ATTRIBUTES = [
  ['fullName', 'Full name'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['postalCode', 'Postcode'],
  ['country', 'Country'],
  ['birthDate', 'Birth date'],
  ['emailOptIn', 'Email marketing'],
  ['smsOptIn', 'SMS marketing'],
] as const;

interface Held {
  value: string | boolean;
  source: string;
  recordId: string;
  updatedAt: string;
}

const show = (value: string | boolean) => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : value);

function Provenance({ held }: { held: Held }) {
  return (
    <span className="provenance">
      from {CHANNEL_NAMES[held.source] ?? held.source} <code>{held.recordId}</code>, {formatDate(held.updatedAt)}
    </span>
  );
}

/** The golden profile: each attribute's surviving value, where it came from, and the values it beat. */
export function Profile({ id }: { id: string }) {
  const result = useGraphQL(CustomerProfile, { id });
  const errors = result.data?.errors ?? [];
  const profile = result.data?.data?.customer?.profile;
  return (
    <Section id="profile-heading" heading="Golden profile">
      <QueryStatus query={result} what="the profile" missing={result.isSuccess && !profile} />
      {profile && (
        <table className="profile">
          <caption className="visually-hidden">Each attribute's surviving value, its source record, and the conflicting values</caption>
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col">Value and source</th>
              <th scope="col">Conflicting values</th>
            </tr>
          </thead>
          <tbody>
            {ATTRIBUTES.map(([key, label]) => {
              const held = profile[key] as (Held & { conflicts: Held[] }) | null | undefined;
              const path = ['customer', 'profile', key];
              return (
                <tr key={key} data-attribute={key}>
                  <th scope="row">{label}</th>
                  <td>
                    <FieldValue value={held} path={path} errors={errors}>
                      {(attribute) => (
                        <>
                          <span className="value">{show(attribute.value)}</span>
                          <Provenance held={attribute} />
                        </>
                      )}
                    </FieldValue>
                  </td>
                  <td>
                    {held && held.conflicts.length > 0 ? (
                      <ul className="conflicts">
                        {held.conflicts.map((conflict, i) => (
                          <li key={i}>
                            <span className="conflict-value">{show(conflict.value)}</span>
                            <Provenance held={conflict} />
                          </li>
                        ))}
                      </ul>
                    ) : held ? (
                      <span className="hint">none</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
