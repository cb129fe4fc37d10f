// The elements manifest (custom-elements.json) for editors, IDEs and Storybook, read from the
// elements' JSDoc (@summary, @fires, @csspart, @cssproperty, @slot and property comments), so the
// documentation has one source. `<tag>.ts` files are analysed too: the tag name comes from their
// `customElements.define` call, the class from `<tag>.component.ts`.
export default {
  // internal/ holds the base classes: analysed so inherited attributes (api-base, lang, unit-id)
  // show on every element.
  globs: ['src/*/*.ts'],
  exclude: [
    'src/**/*.test.ts',
    'src/**/test-support.ts',
    'src/internal/*test-support.ts',
    'src/**/*.stories.ts',
    'src/**/*.styles.ts',
    'src/generated/**',
    'src/index.ts',
  ],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // What a web editor sees is the public API only: no private or protected members, not the
      // base class plumbing (`api`, `emit`), and no abstract base classes listed as elements.
      name: 'strefa-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        // The glob expands in the order the file system answers, which differs between runs:
        // sorted by path, `npm run build` leaves the committed manifest as it was.
        customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        const plumbing = new Set(['api', 'emit']);
        for (const mod of customElementsManifest.modules ?? []) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.customElement && !declaration.tagName) delete declaration.customElement;
            if (!declaration.members) continue;
            declaration.members = declaration.members.filter(
              (member) =>
                member.privacy !== 'private' &&
                member.privacy !== 'protected' &&
                !member.name.startsWith('_') &&
                !member.name.startsWith('#') &&
                !(declaration.tagName && plumbing.has(member.name)),
            );
          }
        }
      },
    },
  ],
};
