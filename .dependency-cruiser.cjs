// Import cycles and the layer boundaries of issue 12 (stated in docs/ARCHITECTURE.md). `npm run lint` runs it.
// tsPreCompilationDeps: type-only imports count too, because a cycle of types still ties modules
// together (issue 12: the home-tile, profile-section and SourceChunk cycles were type-only).
const tests = '(\\.test\\.ts$|^test/)';
const feature = '^src/features/';
const base = '^src/(storage|views|i18n|config|actor|files|jobs)/';
const domain = '(\\.service|\\.repository|\\.policy)\\.ts$';

/** A layer rule: tests are exempt (they assemble whole apps), cycles are not. */
const layer = (name, comment, from, to) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, pathNot: tests },
  to: { path: to },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules that import each other (also through types) cannot be understood or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('features-not-app', 'Features are wired by the composition root; they never reach back into it.', feature, '^src/app/'),
    layer(
      'base-not-features',
      'storage, views, i18n, config, actor, files and jobs are below the features and the HTTP layer.',
      base,
      '^src/(features|http|app)/',
    ),
    layer('http-not-features', 'http/ holds shared front-door helpers; features plug into it, not the reverse.', '^src/http/', '^src/(features|app)/'),
    layer('domain-not-http', 'Services, repositories and policies know nothing of HTTP.', domain, '^src/http/'),
    {
      name: 'ingest-is-an-engine',
      comment: 'Ingest is a pure engine: it imports no other feature (the datastore feature drives it).',
      severity: 'error',
      from: { path: '^src/features/ingest/', pathNot: tests },
      to: { path: '^src/features/', pathNot: '^src/features/ingest/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test-results|reference)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
