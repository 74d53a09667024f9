import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Db } from 'mongodb';
import type { Caller } from '../../../src/auth/caller';
import type { AuditEntryDoc } from '../../../src/contract/documents';
import { auditCollection } from '../../../src/privacy/audit-log';

/*
 * The PII audit log: who read which entity's restricted fields, when, in which operation. The
 * field authorization (./authorization.ts) records each allowed read of a restricted field into
 * the request's trail; when the response is ready the trail becomes one document per entity,
 * written with a single insertMany, into the `audit` collection of the subgraph's own database,
 * beside the data it describes. The identity subgraph's `auditLog` asks every service for its
 * entries (`audit-entries`, src/contract/internal-operations.ts). Entries carry ids and field
 * names, never values.
 */

/** The entity an audited read belongs to. */
export interface AuditEntity {
  /** The GraphQL type the field belongs to (e.g. CrmContact), or the entity that owns it. */
  entityType: string;
  /** The entity's key (its @key field, else its first ID field); null when it has neither. */
  entityKey: string | null;
}

/** One allowed read of a restricted field. */
export interface AuditedRead extends AuditEntity {
  /** The field's name; `Type.field` when it was read on an object the entity owns. */
  field: string;
}

/** Where a subgraph's audit entries go. */
export interface AuditSink {
  write(entries: AuditEntryDoc[]): Promise<void>;
}

/** Writes to the subgraph's own database. */
export function createAuditSink(db: Db): AuditSink {
  const collection = auditCollection(db);
  return {
    async write(entries) {
      await collection.insertMany(entries, { ordered: false });
    },
  };
}

/** The reads of one request, grouped by entity, until the response is sent. */
export class AuditTrail {
  private readonly byEntity = new Map<string, AuditEntity & { fields: Set<string> }>();
  // Objects without a key of their own (a computed profile) and the entity whose field returned
  // them; weak, so the request's objects are not kept alive by the trail.
  private readonly owners = new WeakMap<object, AuditEntity>();

  constructor(
    private readonly sink: AuditSink,
    private readonly subgraph: string,
  ) {}

  /** Notes that `value` (an object, or a list of them) was read from `entity`. */
  own(value: unknown, entity: AuditEntity): void {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'object' && item !== null) this.owners.set(item, entity);
    }
  }

  ownerOf(value: unknown): AuditEntity | undefined {
    return typeof value === 'object' && value !== null ? this.owners.get(value) : undefined;
  }

  record(read: AuditedRead): void {
    const id = JSON.stringify([read.entityType, read.entityKey]);
    let entity = this.byEntity.get(id);
    if (!entity) {
      entity = { entityType: read.entityType, entityKey: read.entityKey, fields: new Set() };
      this.byEntity.set(id, entity);
    }
    entity.fields.add(read.field);
  }

  /** Writes what was recorded (nothing when no restricted field was read) and starts afresh. */
  async flush(request: { caller: Caller | undefined; operationName: string | null; at?: Date }): Promise<number> {
    if (this.byEntity.size === 0) return 0;
    const at = request.at ?? new Date();
    const entries: AuditEntryDoc[] = [...this.byEntity.values()].map((entity) => ({
      _id: randomUUID(),
      at,
      sub: request.caller?.sub ?? null,
      roles: [...(request.caller?.roles ?? [])],
      subgraph: this.subgraph,
      operationName: request.operationName,
      entityType: entity.entityType,
      entityKey: entity.entityKey,
      fields: [...entity.fields].sort(),
    }));
    this.byEntity.clear();
    await this.sink.write(entries);
    return entries.length;
  }
}

// A symbol rather than a named property: it never collides with a subgraph's own context fields,
// and it survives the shallow copy Apollo makes of the context for each operation of a batch.
const AUDIT_TRAIL = Symbol('omnidex.auditTrail');

/** Gives a request's context its audit trail; contexts without one (unit tests) are not audited. */
export function attachAuditTrail<TContext extends object>(context: TContext, sink: AuditSink, subgraph: string): TContext {
  Object.defineProperty(context, AUDIT_TRAIL, { value: new AuditTrail(sink, subgraph), enumerable: true });
  return context;
}

export function auditTrailOf(context: unknown): AuditTrail | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  return (context as { [AUDIT_TRAIL]?: AuditTrail })[AUDIT_TRAIL];
}

/**
 * Flushes the request's audit trail once its response is ready. Audit fails closed: when the
 * entries cannot be written, the response is replaced by an error, so personal data never leaves
 * without its record.
 */
export function useAuditLog<TContext extends BaseContext>(logError: (error: unknown) => void): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const trail = auditTrailOf(contextValue);
          if (!trail) return;
          try {
            await trail.flush({ caller: (contextValue as { caller?: Caller }).caller, operationName: operationName ?? null });
          } catch (error) {
            logError(error);
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                data: null,
                errors: [
                  {
                    message: 'The audit log could not be written, so no personal data is returned',
                    extensions: { code: 'INTERNAL_SERVER_ERROR' },
                  },
                ],
              };
            }
          }
        },
      };
    },
  };
}
