import { useState } from 'react';
import { Link } from 'react-router';
import { useGraphQL, useGraphQLMutation } from '../../api/hooks';
import { withheldAt } from '../../api/withheld';
import { hasRole, useSession } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QueryStatus, Section } from '../../components/Section';
import { Withheld } from '../../components/Withheld';
import { CHANNEL_NAMES } from '../../format';
import { graphql } from '../../gql';

const ExplainCustomer = graphql(`
  query ExplainCustomer($id: ID!) {
    explainCustomer(id: $id) {
      records { key channel kind id identifiers { type value } }
      links { a b rule identifierType identifierValue score explanation }
      decisions { rule summary }
    }
  }
`);

const SplitCustomer = graphql(`
  mutation SplitCustomer($id: ID!, $parts: [[ID!]!]!, $note: String) {
    splitCustomer(id: $id, parts: $parts, note: $note) { id }
  }
`);

const UnlinkRecord = graphql(`
  mutation UnlinkRecord($customerId: ID!, $record: ID!, $note: String) {
    unlinkRecord(customerId: $customerId, record: $record, note: $note) { id }
  }
`);

type Pending = { kind: 'split'; keys: string[] } | { kind: 'unlink'; key: string };

/** Which records make the customer and why they were linked; for admins, split and unlink. */
export function MergeExplanation({ id }: { id: string }) {
  const { session } = useSession();
  const admin = hasRole(session, 'admin');
  const result = useGraphQL(ExplainCustomer, { id });
  const split = useGraphQLMutation(SplitCustomer);
  const unlink = useGraphQLMutation(UnlinkRecord);
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState<Pending>();
  const [outcome, setOutcome] = useState<{ ids: string[]; what: string }>();
  const [problem, setProblem] = useState<string>();
  const errors = result.data?.errors ?? [];
  const explanation = result.data?.data?.explainCustomer;
  const withheld = withheldAt(errors, ['explainCustomer']);
  const busy = split.isPending || unlink.isPending;

  const confirm = async (note: string) => {
    if (!pending || !explanation) return;
    setProblem(undefined);
    try {
      let customers: { id: string }[] | null | undefined;
      let refusal: string | undefined;
      if (pending.kind === 'split') {
        const keep = explanation.records.map((record) => record.key).filter((key) => !pending.keys.includes(key));
        const response = await split.mutateAsync({ id, parts: [keep, pending.keys], note: note || null });
        customers = response.data?.splitCustomer;
        refusal = response.errors[0]?.message;
      } else {
        const response = await unlink.mutateAsync({ customerId: id, record: pending.key, note: note || null });
        customers = response.data?.unlinkRecord;
        refusal = response.errors[0]?.message;
      }
      if (!customers) throw new Error(refusal ?? 'The correction was refused');
      setOutcome({ ids: customers.map((c) => c.id), what: pending.kind === 'split' ? 'Split' : 'Unlinked' });
      setSelected([]);
      setPending(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  const records = explanation?.records ?? [];
  const splittable = selected.length > 0 && selected.length < records.length;
  return (
    <Section id="explain-heading" heading="How the records were linked">
      <QueryStatus query={result} what="the explanation" />
      {withheld && (
        <p>
          The merge explanation is <Withheld error={withheld} />.
        </p>
      )}
      {outcome && (
        <p className="success" role="status">
          {outcome.what}: the records are now in{' '}
          {outcome.ids.map((other, i) => (
            <span key={other}>
              {i > 0 && ', '}
              <Link to={`/customers/${encodeURIComponent(other)}`}>{other}</Link>
            </span>
          ))}
          .
        </p>
      )}
      {explanation && (
        <>
          <table className="records linked-records">
            <caption>{records.length} linked records</caption>
            <thead>
              <tr>
                {admin && <th scope="col">Move out</th>}
                <th scope="col">Record</th>
                <th scope="col">Identifiers</th>
                {admin && <th scope="col">Correction</th>}
              </tr>
            </thead>
            <tbody>
              {records.map((record, i) => {
                const identifiersWithheld = withheldAt(errors, ['explainCustomer', 'records', i, 'identifiers']);
                return (
                  <tr key={record.key}>
                    {admin && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Move ${record.key} to a new customer`}
                          checked={selected.includes(record.key)}
                          onChange={(event) => setSelected(event.target.checked ? [...selected, record.key] : selected.filter((key) => key !== record.key))}
                        />
                      </td>
                    )}
                    <th scope="row">
                      {CHANNEL_NAMES[record.channel] ?? record.channel} {record.kind} <code>{record.id}</code>
                    </th>
                    <td>
                      {identifiersWithheld ? (
                        <Withheld error={identifiersWithheld} />
                      ) : (
                        (record.identifiers ?? []).map((identifier) => `${identifier.type.toLowerCase().replaceAll('_', ' ')} ${identifier.value}`).join('; ') || '–'
                      )}
                    </td>
                    {admin && (
                      <td>
                        <button type="button" disabled={records.length < 2 || busy} onClick={() => setPending({ kind: 'unlink', key: record.key })}>
                          Unlink <span className="visually-hidden">{record.key}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {admin && (
            <p>
              <button type="button" className="danger" disabled={!splittable || busy} onClick={() => setPending({ kind: 'split', keys: selected })}>
                Split the selected records into a new customer
              </button>
            </p>
          )}
          {explanation.links.length > 0 && (
            <>
              <h3>Links</h3>
              <ul className="links">
                {explanation.links.map((link, i) => {
                  const valueWithheld = withheldAt(errors, ['explainCustomer', 'links', i, 'identifierValue']);
                  return (
                    <li key={i}>
                      <code>{link.a}</code> and <code>{link.b}</code>{' '}
                      {link.rule === 'identifier' ? (
                        <>
                          share the {(link.identifierType ?? 'identifier').toLowerCase().replaceAll('_', ' ')}{' '}
                          {valueWithheld ? <Withheld error={valueWithheld} /> : <q>{link.identifierValue}</q>}
                        </>
                      ) : (
                        <>
                          look alike (score {link.score?.toFixed(2)}): {link.explanation}
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {explanation.decisions.length > 0 && (
            <>
              <h3>Kept apart</h3>
              <ul>
                {explanation.decisions.map((decision, i) => (
                  <li key={i}>{decision.summary}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <ConfirmDialog
        open={!!pending}
        title={pending?.kind === 'split' ? 'Split this customer?' : 'Unlink this record?'}
        confirmLabel={pending?.kind === 'split' ? 'Split' : 'Unlink'}
        busy={busy}
        error={problem}
        onCancel={() => {
          setPending(undefined);
          setProblem(undefined);
        }}
        onConfirm={(note) => void confirm(note)}
      >
        {pending?.kind === 'split' && (
          <p>
            {pending.keys.join(', ')} will become a customer of their own, and resolution will never join them to the other records again.
          </p>
        )}
        {pending?.kind === 'unlink' && <p>{pending.key} will leave this customer for good: it never rejoins the records it is with now.</p>}
      </ConfirmDialog>
    </Section>
  );
}
