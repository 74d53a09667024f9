import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, Kind, parse, print, type DirectiveDefinitionNode, type GraphQLSchema } from 'graphql';
import { subgraphSchemaPath } from '../../../gateway/src/compose';
import { SUBGRAPH_NAMES } from '../../../src/config';
import { AUTH_DIRECTIVE_SDL, collectRules, exposedPersonalFields, useAuthorization } from '../../../subgraphs/common/src/authorization';
import { carriesText, classificationOf, CLASSIFICATION_DIRECTIVES_SDL } from '../../../subgraphs/common/src/personal-data';

/*
 * Walks every subgraph's schema.graphql: every field that can carry text says whether it holds
 * personal data (`@personal` / `@notPersonal`, on the field or its type), no personal field can be
 * reached by a client without a rule on the way, and every annotation makes sense. A new field
 * fails here rather than silently becoming admin-only (or, worse, open).
 */

const schemas: [string, GraphQLSchema, string][] = SUBGRAPH_NAMES.map((name) => {
  const sdl = readFileSync(subgraphSchemaPath(name), 'utf8');
  return [name, buildSubgraphSchema([{ typeDefs: parse(sdl) }]), sdl];
});

describe.each(schemas)('the %s schema', (_name, schema, sdl) => {
  it('declares the shared @auth directive', () => {
    const definition = parse(sdl).definitions.find((d): d is DirectiveDefinitionNode => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'auth');
    expect(definition && print({ ...definition, description: undefined })).toBe(AUTH_DIRECTIVE_SDL);
  });

  it('declares the personal-data classification directives', () => {
    const declared = parse(sdl)
      .definitions.filter((d): d is DirectiveDefinitionNode => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value !== 'auth')
      .map((d) => print({ ...d, description: undefined }));
    expect(declared).toEqual([...CLASSIFICATION_DIRECTIVES_SDL]);
  });

  it('classifies every field that can carry text as personal data or not', () => {
    const unclassified: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('_')) continue;
      for (const field of Object.values(type.getFields())) {
        const external = field.astNode?.directives?.some((d) => d.name.value === 'external');
        if (field.name.startsWith('_') || external || !carriesText(field.type)) continue;
        if (!classificationOf(schema, type, field)) unclassified.push(`${type.name}.${field.name}`);
      }
    }
    expect(unclassified).toEqual([]);
  });

  it('lets no client reach a personal field without a rule on the way', () => {
    expect([...exposedPersonalFields(schema).values()]).toEqual([]);
  });

  it('has well-formed rules on nullable fields (the transform accepts it)', () => {
    expect(() => collectRules(schema)).not.toThrow();
    expect(() => useAuthorization(schema)).not.toThrow();
  });
});

describe('the role matrix', () => {
  const rules = new Map(schemas.flatMap(([, schema]) => [...collectRules(schema)]));
  const readers = (coordinate: string) => {
    const rule = rules.get(coordinate);
    if (!rule) return 'open';
    return { requires: [...rule.requires].sort(), consented: [...rule.consented], consent: rule.consent ?? null };
  };

  it('keeps raw contact details from marketing unless consented, and from the front end always', () => {
    expect(readers('CrmContact.email')).toEqual({ requires: ['admin', 'agent'], consented: ['marketing'], consent: 'email' });
    expect(readers('CrmContact.phone')).toEqual({ requires: ['admin', 'agent'], consented: ['marketing'], consent: 'sms' });
    for (const coordinate of ['CrmContact.postalCode', 'CrmContact.birthDate', 'PosMember.email', 'PosMember.phone', 'WebVisitor.emails', 'PosTransaction.receiptEmail']) {
      expect(readers(coordinate)).toEqual({ requires: ['admin', 'agent'], consented: [], consent: null });
    }
  });

  it('gives transcripts to agents and admins only', () => {
    expect(readers('CrmCase.transcript')).toEqual({ requires: ['admin', 'agent'], consented: [], consent: null });
  });

  it('lets the front end personalise: first name, and open activity fields', () => {
    expect(readers('CrmContact.firstName')).toEqual({ requires: ['admin', 'agent', 'frontend', 'marketing'], consented: [], consent: null });
    for (const coordinate of ['Customer.timeline', 'WebVisitor.sessions', 'CrmContact.consents', 'PosShopper.loyaltyId']) {
      expect(readers(coordinate)).toBe('open');
    }
  });
});
