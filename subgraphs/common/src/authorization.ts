import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { isRole, ROLES, type Caller, type Role } from '../../../src/auth/caller';
import { auditTrailOf, type AuditEntity } from './audit';
import { classificationOf, carriesText } from './personal-data';

/*
 * Field-level authorization, enforced where the data lives. Each subgraph's schema.graphql
 * declares `@auth` and annotates its fields; `useAuthorization` wraps the resolver of every
 * annotated field so that a caller without the right role (or, for consent-gated roles, without
 * the record owner's consent) gets null and a FORBIDDEN error at that field's path while the rest
 * of the query answers. Reads that succeed are handed to the request's audit trail (./audit.ts).
 *
 * The directive is subgraph-local on purpose: federation composition drops it, so routers never
 * enforce it and it never reaches the public supergraph. Its arguments are strings (the JWT's role
 * names) rather than an enum so that no authorization type leaks into the public API either; a
 * misspelt role fails the schema build.
 */

export const AUTH_DIRECTIVE = 'auth';

/** The SDL every subgraph's schema.graphql declares (a unit test checks they all match). */
export const AUTH_DIRECTIVE_SDL =
  'directive @auth(requires: [String!]!, consented: [String!], consent: String) on FIELD_DEFINITION | OBJECT';

/**
 * Consents a record may carry, and the boolean of the stored document (src/contract/documents.ts)
 * that records it. A record without the flag has not consented.
 */
export const CONSENT_FLAGS = { email: 'emailOptIn', sms: 'smsOptIn' } as const;
export type Consent = keyof typeof CONSENT_FLAGS;

/** Who may read one field. */
export interface FieldRule {
  /** `Type.field`, for messages and tests. */
  coordinate: string;
  /** Roles that read the field unconditionally. */
  requires: readonly Role[];
  /** Roles that read it only on records whose owner gave `consent`. */
  consented: readonly Role[];
  consent?: Consent;
  /** The rule was not written in the schema: a `@personal` field without `@auth` is admin-only. */
  implicit: boolean;
}

/** A rule that lets every role read the field unconditionally is not a restriction. */
export function isRestricted(rule: FieldRule): boolean {
  return ROLES.some((role) => !rule.requires.includes(role));
}

function parseRoles(value: unknown, where: string): Role[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list of roles, got ${JSON.stringify(value)}`);
  return value.map((role) => {
    if (!isRole(role)) throw new Error(`${where}: unknown role ${JSON.stringify(role)}; roles are ${ROLES.join(', ')}`);
    return role;
  });
}

function ruleFromDirective(args: Record<string, unknown>, coordinate: string): FieldRule {
  const where = `@auth on ${coordinate}`;
  const requires = parseRoles(args.requires, `${where} requires`);
  const consented = parseRoles(args.consented, `${where} consented`);
  const consent = args.consent;
  if (consent !== undefined && consent !== null && !(typeof consent === 'string' && consent in CONSENT_FLAGS)) {
    throw new Error(`${where}: unknown consent ${JSON.stringify(consent)}; consents are ${Object.keys(CONSENT_FLAGS).join(', ')}`);
  }
  if (consented.length > 0 && !consent) throw new Error(`${where}: \`consented\` roles need a \`consent\` to check`);
  if (consent && consented.length === 0) throw new Error(`${where}: \`consent\` without \`consented\` roles has no effect`);
  return { coordinate, requires, consented, ...(consent ? { consent: consent as Consent } : {}), implicit: false };
}

function isExternal(field: GraphQLField<unknown, unknown>): boolean {
  return field.astNode?.directives?.some((directive) => directive.name.value === 'external') ?? false;
}

/** The rule the schema writes for a field: its own `@auth`, else its type's. */
function writtenRuleOf(schema: GraphQLSchema, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): FieldRule | undefined {
  // Another subgraph owns (and guards) an @external field; this one only receives it from the gateway.
  if (isExternal(field)) return undefined;
  const coordinate = `${type.name}.${field.name}`;
  const own = getDirective(schema, field, AUTH_DIRECTIVE)?.[0];
  if (own) return ruleFromDirective(own, coordinate);
  const inherited = getDirective(schema, type, AUTH_DIRECTIVE)?.[0];
  if (inherited) return ruleFromDirective(inherited, coordinate);
  return undefined;
}

function hasDirective(field: GraphQLField<unknown, unknown>, name: string): boolean {
  return field.astNode?.directives?.some((directive) => directive.name.value === name) ?? false;
}

const exposedBySchema = new WeakMap<GraphQLSchema, Map<string, string>>();

/**
 * The `@personal` text fields a client can reach with no rule on the way: from the root fields and
 * from every entity (the gateway may fetch any `@key` type directly), along fields without a
 * written `@auth` (a rule that opens a field to every role is a decision too), skipping
 * `@inaccessible` ones (only the query plan reads those). Each is mapped to one path that reaches
 * it. The schema test requires none; at run time each is admin-only, so a forgotten rule fails
 * closed.
 */
export function exposedPersonalFields(schema: GraphQLSchema): Map<string, string> {
  const cached = exposedBySchema.get(schema);
  if (cached) return cached;
  const exposed = new Map<string, string>();
  const reached = new Map<string, string>();
  const queue: GraphQLObjectType[] = [];
  const reach = (type: GraphQLObjectType, via: string) => {
    if (reached.has(type.name)) return;
    reached.set(type.name, via);
    queue.push(type);
  };
  for (const root of [schema.getQueryType(), schema.getMutationType()]) if (root) reach(root, root.name);
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && !type.name.startsWith("_") && hasKeyDirective(type)) reach(type, `_entities(${type.name})`);
  }
  while (queue.length > 0) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_') || isExternal(field) || hasDirective(field, 'inaccessible')) continue;
      // A written rule, even one open to every role, is a decision about what lies beneath it.
      if (writtenRuleOf(schema, type, field)) continue;
      const path = `${reached.get(type.name)} → ${type.name}.${field.name}`;
      if (carriesText(field.type) && classificationOf(schema, type, field) === 'personal') exposed.set(`${type.name}.${field.name}`, path);
      const named = getNamedType(field.type);
      if (isObjectType(named)) reach(named, path);
    }
  }
  exposedBySchema.set(schema, exposed);
  return exposed;
}

/**
 * The rule of one field: its own `@auth`, else its type's; a `@personal` field a client could reach
 * with no rule on the way is admin-only (see `exposedPersonalFields`); else none (open to every
 * authenticated caller).
 */
export function ruleOf(schema: GraphQLSchema, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): FieldRule | undefined {
  const written = writtenRuleOf(schema, type, field);
  if (written || isExternal(field)) return written;
  const coordinate = `${type.name}.${field.name}`;
  if (exposedPersonalFields(schema).has(coordinate)) return { coordinate, requires: ['admin'], consented: [], implicit: true };
  return undefined;
}

/** Every rule of a schema, by `Type.field`: what the role matrix in docs/SECURITY.md documents. */
export function collectRules(schema: GraphQLSchema): Map<string, FieldRule> {
  const rules = new Map<string, FieldRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    // `_Service`, `_Entity` and introspection types are federation's and GraphQL's, not ours.
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      const rule = ruleOf(schema, type, field);
      if (rule) rules.set(rule.coordinate, rule);
    }
  }
  return rules;
}

export type Decision = { allowed: true } | { allowed: false; reason: 'ROLE' | 'CONSENT_WITHHELD' };

/**
 * Whether `parent` (the object the field is read from) records the consent: a stored document's
 * flag (`emailOptIn: true`), or a golden-profile attribute holding it (`emailOptIn: { value: true }`).
 */
export function hasConsent(parent: unknown, consent: Consent): boolean {
  if (typeof parent !== 'object' || parent === null) return false;
  const flag = (parent as Record<string, unknown>)[CONSENT_FLAGS[consent]];
  return flag === true || (typeof flag === 'object' && flag !== null && (flag as { value?: unknown }).value === true);
}

/**
 * Decides one read. A caller holding several roles gets the most any of them allows; no caller
 * (a context built without one) holds no role.
 */
export function decide(rule: FieldRule, caller: Caller | undefined, parent: unknown): Decision {
  const roles = caller?.roles ?? [];
  if (roles.some((role) => rule.requires.some((required) => required === role))) return { allowed: true };
  if (rule.consent && roles.some((role) => rule.consented.some((consented) => consented === role))) {
    return hasConsent(parent, rule.consent) ? { allowed: true } : { allowed: false, reason: 'CONSENT_WITHHELD' };
  }
  return { allowed: false, reason: 'ROLE' };
}

/** The FORBIDDEN error of a denied field: names the field and who may read it, never the value. */
export function forbidden(rule: FieldRule, reason: 'ROLE' | 'CONSENT_WITHHELD'): GraphQLError {
  const consented = rule.consented.length > 0 ? `, or ${rule.consented.join(' or ')} with the owner's ${rule.consent} consent` : '';
  const message =
    reason === 'CONSENT_WITHHELD'
      ? `${rule.coordinate} is withheld: the record's owner gave no ${rule.consent} consent`
      : `Not allowed to read ${rule.coordinate}: it requires the role ${rule.requires.join(' or ')}${consented}`;
  return new GraphQLError(message, {
    extensions: { code: 'FORBIDDEN', reason, field: rule.coordinate, allowedRoles: [...rule.requires, ...rule.consented] },
  });
}

function isNullable(type: GraphQLOutputType): boolean {
  return !isNonNullType(type);
}

type EntityReader = (parent: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo) => Promise<AuditEntity>;

function hasKeyDirective(type: GraphQLObjectType): boolean {
  return [type.astNode, ...type.extensionASTNodes].some((node) => node?.directives?.some((directive) => directive.name.value === 'key'));
}

/** The field naming an entity of `type`: its (single-field) @key, else its first ID field. */
export function keyFieldOf(type: GraphQLObjectType): string | undefined {
  for (const node of [type.astNode, ...type.extensionASTNodes]) {
    for (const directive of node?.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
      if (fields?.kind === Kind.STRING && /^\w+$/.test(fields.value.trim())) return fields.value.trim();
    }
  }
  return Object.values(type.getFields()).find((field) => getNamedType(field.type).name === 'ID')?.name;
}

function isRootType(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  return type === schema.getQueryType() || type === schema.getMutationType();
}

/**
 * Tells which entity an object of `type` is, for the audit trail. A keyed type reads its key
 * through the key field's own resolver in the unwrapped schema (a key field may itself be
 * restricted, and the audit must not depend on the caller being allowed to read it). A type
 * without a key (a computed profile) belongs to the entity whose field returned it, as the trail
 * noted when that field resolved. A root field is attributed to the `id` it was asked for.
 */
function createEntityReader(schema: GraphQLSchema, type: GraphQLObjectType): EntityReader {
  if (isRootType(schema, type)) {
    return async (_parent, args) => ({ entityType: type.name, entityKey: typeof args.id === 'string' ? args.id : null });
  }
  const keyName = keyFieldOf(type);
  const keyField = keyName ? type.getFields()[keyName] : undefined;
  if (!keyName || !keyField) {
    return async (parent, _args, context) => auditTrailOf(context)?.ownerOf(parent) ?? { entityType: type.name, entityKey: null };
  }
  const resolveKey = keyField.resolve ?? defaultFieldResolver;
  return async (parent, _args, context, info) => {
    const key: unknown = await resolveKey(parent, {}, context, { ...info, fieldName: keyName });
    return { entityType: type.name, entityKey: typeof key === 'string' || typeof key === 'number' ? String(key) : null };
  };
}

/** Types without a key of their own that hold restricted fields, or such types: their reads need an owner. */
function keylessAuditedTypes(schema: GraphQLSchema): Set<string> {
  const keyless = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('_') && !isRootType(schema, type) && !keyFieldOf(type),
  );
  const types = new Set<string>();
  for (const type of keyless) {
    const restricted = Object.values(type.getFields()).some((field) => {
      try {
        const rule = ruleOf(schema, type, field);
        return rule !== undefined && isRestricted(rule);
      } catch {
        return false; // reported by useAuthorization
      }
    });
    if (restricted) types.add(type.name);
  }
  // A keyless object holding one that needs an owner needs one too, to pass it down (the index's
  // evidence holds the compared values several levels below the customer).
  for (let grew = true; grew; ) {
    grew = false;
    for (const type of keyless) {
      if (types.has(type.name)) continue;
      if (Object.values(type.getFields()).some((field) => types.has(getNamedType(field.type).name))) {
        types.add(type.name);
        grew = true;
      }
    }
  }
  return types;
}

interface AuthorizationContext {
  caller?: Caller;
}

/**
 * Returns the schema with every restricted field's resolver wrapped: denied reads throw FORBIDDEN
 * (GraphQL turns that into null plus an error at the path), allowed reads of restricted fields are
 * recorded in the request's audit trail. Fails, naming the field, when a rule is malformed or a
 * field with its own `@auth` is non-null (a denied non-null field would null its whole parent).
 */
export function useAuthorization(schema: GraphQLSchema): GraphQLSchema {
  const problems: string[] = [];
  const needOwner = keylessAuditedTypes(schema);
  const readers = new Map<string, EntityReader>();
  const entityReaderOf = (type: GraphQLObjectType) => {
    let reader = readers.get(type.name);
    if (!reader) readers.set(type.name, (reader = createEntityReader(schema, type)));
    return reader;
  };
  const wrapped = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const type = schema.getType(typeName);
      if (!isObjectType(type) || typeName.startsWith('_')) return fieldConfig;
      const field = type.getFields()[fieldName];
      if (!field) return fieldConfig;
      let rule: FieldRule | undefined;
      try {
        rule = ruleOf(schema, type, field);
      } catch (error) {
        problems.push((error as Error).message);
        return fieldConfig;
      }
      // A type-level rule may cover non-null fields (keys, times): denying one nulls the nearest
      // nullable parent, which is the guarded object itself. A field-level rule must be nullable.
      const inherited = rule !== undefined && !getDirective(schema, field, AUTH_DIRECTIVE)?.[0];
      if (rule && !inherited && !isNullable(fieldConfig.type)) {
        problems.push(`${rule.coordinate} is restricted by @auth but non-null: make it nullable so a denied read can be null`);
        return fieldConfig;
      }
      const returnsOwned = needOwner.has(getNamedType(field.type).name);
      if (!rule && !returnsOwned) return fieldConfig;
      const resolve: GraphQLFieldResolver<unknown, AuthorizationContext> = fieldConfig.resolve ?? defaultFieldResolver;
      const checked = rule;
      const audited = rule !== undefined && isRestricted(rule);
      const entityOf = audited || returnsOwned ? entityReaderOf(type) : undefined;
      const subscribe = fieldConfig.subscribe;
      return {
        ...fieldConfig,
        // A subscription field is refused when it starts, not event by event.
        ...(subscribe && checked
          ? {
              subscribe: (parent: unknown, args: Record<string, unknown>, context: AuthorizationContext, info: GraphQLResolveInfo) => {
                const decision = decide(checked, context?.caller, parent);
                if (!decision.allowed) throw forbidden(checked, decision.reason);
                return subscribe(parent, args, context, info);
              },
            }
          : {}),
        resolve: async (parent, args, context, info) => {
          if (checked) {
            const decision = decide(checked, context?.caller, parent);
            if (!decision.allowed) throw forbidden(checked, decision.reason);
          }
          const value = await resolve(parent, args, context, info);
          const trail = auditTrailOf(context);
          // Only what was disclosed is audited: a read that found nothing revealed nothing.
          if (!trail || !entityOf || value === null || value === undefined) return value;
          const entity = await entityOf(parent, args, context, info);
          if (returnsOwned) trail.own(value, entity);
          if (audited) {
            trail.record({ ...entity, field: entity.entityType === typeName ? fieldName : `${typeName}.${fieldName}` });
          }
          return value;
        },
      };
    },
  });
  if (problems.length > 0) throw new Error(`field authorization is misconfigured:\n  - ${problems.join('\n  - ')}`);
  return wrapped;
}

