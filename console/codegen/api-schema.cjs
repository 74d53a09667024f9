// graphql-codegen schema loader: the committed supergraph as clients see it, without federation's
// join__ machinery and the @inaccessible fields only the subgraphs exchange.
const { readFileSync } = require('node:fs');
const { buildASTSchema, parse } = require('graphql');
const { transformSupergraphToPublicSchema } = require('@theguild/federation-composition');

module.exports = (pointer) => buildASTSchema(transformSupergraphToPublicSchema(parse(readFileSync(pointer, 'utf8'))));
