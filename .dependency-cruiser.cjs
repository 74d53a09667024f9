/**
 * The project's layers (docs/ARCHITECTURE.md): libraries in src/ ← services in subgraphs/ and
 * gateway/ ← the composition root in app/. Arrows point one way; test/unit/architecture.test.ts
 * runs this and also refuses any two folders that import each other.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be read or changed alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libraries-know-no-service',
      severity: 'error',
      comment: 'src/ is the libraries: the services and the composition root build on them, never the other way.',
      from: { path: '^src/' },
      to: { path: '^(app|gateway|subgraphs)/' },
    },
    {
      name: 'services-know-no-composition-root',
      severity: 'error',
      comment: 'Only app/ assembles the services.',
      from: { path: '^(gateway|subgraphs)/' },
      to: { path: '^app/' },
    },
    {
      name: 'a-subgraph-knows-no-other-subgraph',
      severity: 'error',
      comment: 'A subgraph asks another service over HTTP (internal operations), never imports it.',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/', pathNot: ['^subgraphs/$1/', '^subgraphs/common/'] },
    },
    {
      name: 'the-gateway-knows-no-subgraph',
      severity: 'error',
      comment: 'The gateway composes subgraphs by their SDL and URL only.',
      from: { path: '^gateway/' },
      to: { path: '^subgraphs/' },
    },
    {
      name: 'embedded-mongo-through-its-entry',
      severity: 'error',
      comment: 'embedded-mongo is a package: the rest of the project uses its public entry only.',
      from: { pathNot: '^embedded-mongo/' },
      to: { path: '^embedded-mongo/', pathNot: '^embedded-mongo/src/index\\.ts$' },
    },
    {
      name: 'embedded-mongo-stands-alone',
      severity: 'error',
      comment: 'The database server knows nothing of Omnidex.',
      from: { path: '^embedded-mongo/' },
      to: { path: '^(app|src|gateway|subgraphs|test|bench)/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['node_modules', '__generated__'] },
    doNotFollow: { path: ['node_modules'] },
  },
};
