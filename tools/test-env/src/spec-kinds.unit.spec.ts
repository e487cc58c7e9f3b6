import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FOLDERS = ['apps', 'libs', 'db', 'tools'];
const KIND = /\.(unit|int|e2e)\.spec\.ts$/;

function specsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specsUnder(path);
    return entry.name.endsWith('.spec.ts') ? [relative(root, path)] : [];
  });
}

/**
 * `npm run test:unit` runs the unit specs alone, `npm test` all of them: a spec named
 * `x.spec.ts` belongs to no kind, so this names it (README.md, "Tests").
 */
describe('every spec names its kind', () => {
  it('ends in .unit.spec.ts, .int.spec.ts or .e2e.spec.ts', () => {
    const specs = FOLDERS.flatMap((folder) => specsUnder(join(root, folder)));
    expect(specs.length).toBeGreaterThan(0);
    expect(specs.filter((spec) => !KIND.test(spec))).toEqual([]);
  });
});
