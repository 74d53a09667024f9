import type { Caller } from '../../src/auth/caller';
import type { SubgraphName } from '../../src/config';
import type { Databases } from '../../src/db';
import type { ExportParticipant, ForgetParticipant } from '../../src/privacy';
import { SUBGRAPH_MODULES } from '../../app/services';
import { runInternalOperation } from '../../subgraphs/common/src/internal';
import type { ServiceClient, ServiceClients } from '../../subgraphs/common/src/service-client';
import type { SubgraphDefinition } from '../../subgraphs/common/src/subgraph';
import { exportParticipants, forgetParticipants } from '../../subgraphs/identity/src/models/services';
import { crmSubgraph } from '../../subgraphs/crm/src';
import { identitySubgraph } from '../../subgraphs/identity/src';
import { insightsSubgraph } from '../../subgraphs/insights/src';
import { posSubgraph } from '../../subgraphs/pos/src';
import { webSubgraph } from '../../subgraphs/web/src';
import { TEST_ADMIN } from './auth';

const DEFINITIONS: Record<SubgraphName, Pick<SubgraphDefinition<never>, 'internal' | 'database'>> = {
  crm: crmSubgraph,
  web: webSubgraph,
  pos: posSubgraph,
  identity: identitySubgraph,
  insights: insightsSubgraph,
};

/**
 * The services' internal operations called in this process, each on its own database, with the
 * same input and output checks as over HTTP: library-level tests of the work that spans services.
 */
export function inProcessServices(dbs: Databases, privacySecret: string): ServiceClients {
  const clients: ServiceClients = {};
  for (const name of Object.keys(SUBGRAPH_MODULES) as SubgraphName[]) {
    const { internal, database } = DEFINITIONS[name];
    const client: ServiceClient = {
      name,
      async call(operation, input, caller) {
        const answer = await runInternalOperation(operation, JSON.parse(JSON.stringify(input)), { ...caller, roles: ['service'] }, internal, {
          db: dbs[database],
          caller,
          runtime: { privacySecret },
        });
        if (answer.status !== 200) throw new Error(`${name} ${operation}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
        return answer.body as never;
      },
    };
    clients[name] = client;
  }
  return clients;
}

/** What `forgetCustomer` asks of the other services, in this process. */
export function forgetParticipantsOn(dbs: Databases, privacySecret: string, caller: Caller = TEST_ADMIN): ForgetParticipant[] {
  return forgetParticipants(inProcessServices(dbs, privacySecret), caller);
}

/** What `exportCustomerData` asks of the channel services, in this process. */
export function exportParticipantsOn(dbs: Databases, caller: Caller = TEST_ADMIN): ExportParticipant[] {
  return exportParticipants(inProcessServices(dbs, 'unused-for-exports-0123456789abcdef'), caller);
}
