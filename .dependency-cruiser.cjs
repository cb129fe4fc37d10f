/**
 * The layers, enforced (`npm run lint` → `npm run lint:deps`). Data flows one way:
 *
 *   BFF:      app/server → routes, middleware → services → queries → models → db
 *             lib/ (pure helpers), config, errors, logger: below every layer, import none of them
 *   elements: <element folders> → internal/ (shared base, API client, formats, labels)
 *
 * An import against the flow, or any circle (type-only imports included: a circle of types is
 * still two modules that cannot be understood one without the other), fails the lint.
 * docs/architecture.md shows the graph (`npm run graph`).
 */
const bff = (path) => `^bff/src/${path}`;

/** Layers of the BFF from the top; each may import only the ones after it. */
const LAYERS = [
  { name: 'entry', path: bff('(app|server)\\.ts$') },
  { name: 'routes', path: bff('(routes|middleware)/') },
  { name: 'services', path: bff('services/') },
  { name: 'queries', path: bff('queries/') },
  { name: 'models', path: bff('models/') },
  // The demo-data generator is a tool that fills the database, above the layers it uses.
  { name: 'db', path: bff('db/'), pathNot: bff('db/demo-data/') },
  { name: 'base', path: bff('(lib/|(config|deps|errors|logger)\\.ts$)') },
];

const upward = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(0, index);
  if (above.length === 0) return [];
  return [
    {
      name: `${layer.name}-not-up`,
      comment: `${layer.name} must not import a layer above it (${above.map((a) => a.name).join(', ')})`,
      severity: 'error',
      from: { path: layer.path, ...(layer.pathNot ? { pathNot: layer.pathNot } : {}) },
      to: { path: above.map((a) => a.path).join('|') },
    },
  ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'a circle of imports (types included) makes two modules one; break it with a module below both',
      severity: 'error',
      from: { path: '^(bff/src|packages/elements/src|packages/api-types/src)/' },
      to: { circular: true },
    },
    ...upward,
    {
      name: 'internal-not-up',
      comment:
        "the elements' shared internals must not import an element (their tests may: a shared helper is tested in the widgets that use it)",
      severity: 'error',
      from: { path: '^packages/elements/src/internal/', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/elements/src/', pathNot: '^packages/elements/src/(internal|generated)/' },
    },
    {
      name: 'element-not-sideways',
      comment:
        'an element imports the internals, never another element (the portal embeds them all; every data widget embeds the login form)',
      severity: 'error',
      from: {
        path: '^packages/elements/src/([^/]+)/',
        pathNot: '^packages/elements/src/(internal|generated|resident-portal)/',
      },
      to: {
        path: '^packages/elements/src/([^/]+)/',
        pathNot: [
          '^packages/elements/src/(internal|generated|resident-login)/',
          '^packages/elements/src/$1/',
        ],
      },
    },
    {
      name: 'widgets-not-into-bff',
      comment: 'the widgets and the BFF share only packages/api-types',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^bff/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|generated)/|\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    reporterOptions: {
      dot: {
        collapsePattern: '^(bff/src/[^/]+/|packages/elements/src/[^/]+/|packages/api-types/src/)',
      },
    },
  },
};
