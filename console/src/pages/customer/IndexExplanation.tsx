import { useGraphQL } from '../../api/hooks';
import type { GraphQLErrorShape } from '../../api/graphql';
import { withheldAt } from '../../api/withheld';
import { QueryStatus, Section } from '../../components/Section';
import { Withheld } from '../../components/Withheld';
import { BAND_NAMES, CHANNEL_NAMES, formatDate, formatMoney, formatScore, plural } from '../../format';
import { graphql } from '../../gql';
import type { CustomerIndexQuery } from '../../gql/graphql';

const CustomerIndex = graphql(`
  query CustomerIndex($id: ID!) {
    customer(id: $id) {
      id
      integrationIndex {
        asOf
        windowStart
        score
        band
        engagedChannels
        channels {
          channel
          engaged
          interactions
          accessibility
          consistency
          experience
          score
          evidence {
            recognised
            consistency {
              record { recordId updatedAt }
              compared { attribute record golden agrees }
              agreed
            }
            experience {
              __typename
              ... on CrmExperienceEvidence { ratedCases meanCsat }
              ... on WebExperienceEvidence { sessionsWithAddToCart sessionsWithOrder }
              ... on PosExperienceEvidence { sales returns soldAmount returnedAmount byCurrency { currency sold returned } }
            }
          }
        }
      }
    }
  }
`);

type ChannelIndex = NonNullable<NonNullable<CustomerIndexQuery['customer']>['integrationIndex']>['channels'][number];

const INTERACTION: Record<string, [string, string]> = { CRM: ['service case', 'service cases'], WEB: ['session', 'sessions'], POS: ['receipt', 'receipts'] };
const RECOGNISED_BY: Record<string, string> = {
  CRM: 'the contact had an email or a phone number on file',
  WEB: 'the visitor signed in or gave an email',
  POS: 'a loyalty card or a receipt email was used',
};
const RECORD_KIND: Record<string, string> = { CRM: 'CRM contact', WEB: 'web visitor', POS: 'loyalty member' };
const ATTRIBUTE_NAMES: Record<string, string> = { FULL_NAME: 'full name', EMAIL: 'email', PHONE: 'phone', POSTAL_CODE: 'postcode' };

function Accessibility({ channel }: { channel: ChannelIndex }) {
  const [one, many] = INTERACTION[channel.channel] ?? ['interaction', 'interactions'];
  return (
    <>
      Recognised in {channel.evidence.recognised} of {plural(channel.interactions, one, many)}: {RECOGNISED_BY[channel.channel]}.
    </>
  );
}

function Consistency({ channel, errors, path }: { channel: ChannelIndex; errors: readonly GraphQLErrorShape[]; path: (string | number)[] }) {
  const { record, compared, agreed } = channel.evidence.consistency;
  if (!record) return <>No {RECORD_KIND[channel.channel] ?? 'profile record'} to compare with the golden profile: not measured.</>;
  if (compared.length === 0) return <>Its latest {RECORD_KIND[channel.channel]} holds none of the compared attributes: not measured.</>;
  const differing = compared.map((c, i) => ({ c, i })).filter(({ c }) => !c.agrees);
  return (
    <>
      Its latest {RECORD_KIND[channel.channel]} <code>{record.recordId}</code> (updated {formatDate(record.updatedAt)}) agrees with the golden profile on {agreed} of{' '}
      {plural(compared.length, 'attribute')}
      {differing.length === 0 ? '.' : ':'}
      {differing.length > 0 && (
        <ul>
          {differing.map(({ c, i }) => {
            const at = [...path, 'evidence', 'consistency', 'compared', i];
            const recordWithheld = withheldAt(errors, [...at, 'record']);
            const goldenWithheld = withheldAt(errors, [...at, 'golden']);
            return (
              <li key={c.attribute}>
                {ATTRIBUTE_NAMES[c.attribute] ?? c.attribute} differs: {recordWithheld ? <Withheld error={recordWithheld} /> : <q>{c.record}</q>} here,{' '}
                {goldenWithheld ? <Withheld error={goldenWithheld} /> : <q>{c.golden}</q>} in the golden profile
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function Experience({ channel }: { channel: ChannelIndex }) {
  const evidence = channel.evidence.experience;
  switch (evidence.__typename) {
    case 'CrmExperienceEvidence':
      return evidence.meanCsat === null || evidence.meanCsat === undefined ? (
        <>No case was rated: not measured.</>
      ) : (
        <>
          Mean satisfaction {evidence.meanCsat.toFixed(1)} of 5 over {plural(evidence.ratedCases, 'rated case')} (1 star is 0, 5 stars 100).
        </>
      );
    case 'WebExperienceEvidence':
      return evidence.sessionsWithAddToCart === 0 ? (
        <>Nothing was added to a cart: not measured.</>
      ) : (
        <>
          {evidence.sessionsWithOrder} of {plural(evidence.sessionsWithAddToCart, 'session')} with something in the cart ended in an order.
        </>
      );
    case 'PosExperienceEvidence':
      return evidence.sales === 0 ? (
        <>Nothing was sold in the window: not measured.</>
      ) : (
        <>
          {plural(evidence.sales, 'sale')} and {plural(evidence.returns, 'return')}: returned{' '}
          {evidence.byCurrency.map((flow) => `${formatMoney(flow.returned, flow.currency)} of ${formatMoney(flow.sold, flow.currency)}`).join(', ')} sold.
        </>
      );
    default:
      return null;
  }
}

/** The customer's Integration Index: A, C and E per channel, each with its evidence said in words. */
export function IndexExplanation({ id }: { id: string }) {
  const result = useGraphQL(CustomerIndex, { id });
  const errors = result.data?.errors ?? [];
  const index = result.data?.data?.customer?.integrationIndex;
  return (
    <Section id="index-heading" heading="Integration Index" className="index">
      <QueryStatus query={result} what="the index" missing={result.isSuccess && !index} />
      {index && (
        <>
          <p className="index-score">
            {index.score === null || index.score === undefined ? (
              <>No interaction in the window: no index.</>
            ) : (
              <>
                <span className={`score band-${(index.band ?? '').toLowerCase()}`}>{formatScore(index.score)}</span>{' '}
                <span className="band-name">{BAND_NAMES[index.band ?? ''] ?? index.band}</span>
              </>
            )}
          </p>
          <p className="hint">
            The mean of the engaged channels' scores, each the mean of its accessibility (A), consistency (C) and experience (E), over the 365 days to{' '}
            {formatDate(index.asOf)}.
          </p>
          <table className="components">
            <caption className="visually-hidden">Accessibility, consistency and experience per channel</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">
                  <abbr title="Accessibility">A</abbr>
                </th>
                <th scope="col">
                  <abbr title="Consistency">C</abbr>
                </th>
                <th scope="col">
                  <abbr title="Experience">E</abbr>
                </th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {index.channels.map((channel) => (
                <tr key={channel.channel} className={channel.engaged ? undefined : 'disengaged'}>
                  <th scope="row">{CHANNEL_NAMES[channel.channel] ?? channel.channel}</th>
                  <td>{formatScore(channel.accessibility)}</td>
                  <td>{formatScore(channel.consistency)}</td>
                  <td>{formatScore(channel.experience)}</td>
                  <td>{channel.engaged ? formatScore(channel.score) : 'not engaged'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Why</h3>
          <dl className="evidence">
            {index.channels.map((channel, i) => {
              const path = ['customer', 'integrationIndex', 'channels', i];
              const name = CHANNEL_NAMES[channel.channel] ?? channel.channel;
              if (!channel.engaged) {
                return (
                  <div key={channel.channel}>
                    <dt>{name}</dt>
                    <dd>No {INTERACTION[channel.channel]?.[1] ?? 'interactions'} in the window: the channel does not count.</dd>
                  </div>
                );
              }
              return (
                <div key={channel.channel}>
                  <dt>
                    {name}: {formatScore(channel.score)}
                  </dt>
                  <dd>
                    <strong>A {formatScore(channel.accessibility)}.</strong> <Accessibility channel={channel} />
                  </dd>
                  <dd>
                    <strong>C {formatScore(channel.consistency)}.</strong> <Consistency channel={channel} errors={errors} path={path} />
                  </dd>
                  <dd>
                    <strong>E {formatScore(channel.experience)}.</strong> <Experience channel={channel} />
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}
    </Section>
  );
}
