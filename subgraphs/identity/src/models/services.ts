import { EJSON } from 'bson';
import type { Document } from 'mongodb';
import type { Caller } from '../../../../src/auth/caller';
import type { SubgraphName } from '../../../../src/config';
import { CHANNELS } from '../../../../src/contract/documents';
import type { ExportParticipant, ForgetParticipant } from '../../../../src/privacy';
import type { ServiceClient, ServiceClients } from '../../../common/src/service-client';

/** The services whose databases may hold a customer's data, in the order a forget asks them. */
const HOLDERS: readonly SubgraphName[] = [...CHANNELS, 'insights'];

function clientOf(services: ServiceClients, name: SubgraphName): ServiceClient {
  const client = services[name];
  // A deployment error, not the client's: the generic internal error is what the client sees.
  if (!client) throw new Error(`the identity subgraph was started without the ${name} service's URL`);
  return client;
}

/** Every other service, asked (as `caller`) to forget what it holds of a customer. */
export function forgetParticipants(services: ServiceClients, caller: Caller): ForgetParticipant[] {
  return HOLDERS.map((name) => {
    const client = clientOf(services, name);
    const isChannel = (CHANNELS as readonly string[]).includes(name);
    return {
      name,
      forget: async (input) => (await client.call('forget-records', input, caller)).counts,
      ...(isChannel
        ? {
            latestImport: async () => {
              const { importedAt } = await client.call('latest-import', {}, caller);
              return importedAt === null ? undefined : new Date(importedAt);
            },
            liveBacklog: async () => (await client.call('latest-import', {}, caller)).liveBacklog ?? 0,
          }
        : {}),
    };
  });
}

/** The channel services, asked (as `caller`) for everything they hold of a customer. */
export function exportParticipants(services: ServiceClients, caller: Caller): ExportParticipant[] {
  return CHANNELS.map((channel) => {
    const client = clientOf(services, channel);
    return {
      channel,
      async export(records) {
        const { collections } = await client.call('export-records', { records }, caller);
        // Extended JSON on the wire: dates come back as dates, for the golden profile.
        return Object.fromEntries(
          Object.entries(collections).map(([name, docs]) => [name, docs.map((doc) => EJSON.deserialize(doc) as Document)]),
        );
      },
    };
  });
}

/** The services whose audit logs `auditLog` reads besides identity's own. */
export function auditSources(services: ServiceClients): ServiceClient[] {
  return HOLDERS.map((name) => clientOf(services, name));
}
