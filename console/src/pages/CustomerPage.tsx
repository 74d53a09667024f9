import { Link, useParams } from 'react-router';
import { useGraphQL } from '../api/hooks';
import { ErrorNotice, Loading } from '../components/Status';
import { CHANNEL_NAMES, formatDate } from '../format';
import { graphql } from '../gql';
import { IndexExplanation } from './customer/IndexExplanation';
import { MergeExplanation } from './customer/MergeExplanation';
import { Profile } from './customer/Profile';
import { Records } from './customer/Records';
import { Timeline } from './customer/Timeline';

const CustomerHeader = graphql(`
  query CustomerHeader($id: ID!) {
    customer(id: $id) {
      id
      createdAt
      channels
      mergedFrom
    }
  }
`);

/**
 * One customer: the golden profile, the Integration Index explained, the timeline, the channel
 * records and how they were linked. Each section asks for its own data, so a slow one (the index
 * reads every channel) does not hold the others back.
 */
export function CustomerPage() {
  const { id = '' } = useParams();
  const header = useGraphQL(CustomerHeader, { id });
  const customer = header.data?.data?.customer;

  // The breadcrumb and heading are there at once and stay: after a navigation the focus goes to
  // the heading, and it must not be replaced when the customer arrives.
  const shownId = customer?.id ?? id;
  // An id that merged away opens its survivor: say so.
  const movedFrom = customer && customer.id !== id ? id : undefined;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Customers</Link> › <span aria-current="page">{shownId}</span>
      </nav>
      <h1>
        Customer <code>{shownId}</code>
      </h1>
      {header.isPending && <Loading what="the customer" />}
      {header.error && <ErrorNotice error={header.error} />}
      {header.isSuccess && !customer && (
        <p>
          Omnidex knows no customer with this id. <Link to="/">Search for one</Link>.
        </p>
      )}
      {customer && (
        <>
          <p className="customer-summary">
            On {customer.channels.map((channel) => CHANNEL_NAMES[channel] ?? channel).join(', ')} · known since {formatDate(customer.createdAt)}
            {customer.mergedFrom.length > 0 && <> · merged from {customer.mergedFrom.join(', ')}</>}
            {movedFrom && <> · {movedFrom} merged into this customer</>}
          </p>
          <div className="customer-grid">
            <Profile id={customer.id} />
            <IndexExplanation id={customer.id} />
          </div>
          <Timeline id={customer.id} />
          <Records id={customer.id} />
          <MergeExplanation id={customer.id} />
        </>
      )}
    </>
  );
}
