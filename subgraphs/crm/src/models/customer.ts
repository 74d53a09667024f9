import type { CrmContactDoc } from '../../../../src/contract/documents';
import type { CrmCaseInput } from '../../../../src/insights/inputs';

/** A Customer as the gateway sends it to the CRM: its id and, for `crmFacts`, its contacts' ids. */
export interface CrmCustomerReference {
  id: string;
  crmContacts?: { contactId: string }[];
}

/** `Customer.crmFacts`: the customer's contacts and every case they opened. */
export interface CrmCustomerFactsModel {
  contacts: CrmContactDoc[];
  cases: CrmCaseInput[];
}
