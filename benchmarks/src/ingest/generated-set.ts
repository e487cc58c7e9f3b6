import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_VERSION } from '@jugendamt/generator';

/**
 * A generated export set for the benchmark. Generating a large city takes a while, so a set
 * is kept under ./data/bench and reused while its scale, seed and generator version are the
 * same: a set of an older generator lacks what the newer one writes (e.g. population files).
 */
export function generatedSet(root: string, scale: number, seed: number, nights = 0): string {
  const folder = join(root, 'data', 'bench', `scale-${scale}-seed-${seed}${nights ? `-nights-${nights}` : ''}`);
  const manifest = join(folder, 'manifest.json');
  const current = existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: number }).version === GENERATOR_VERSION;
  if (!current) {
    rmSync(folder, { recursive: true, force: true });
    console.error(`generating the export set (scale ${scale}, seed ${seed}) into ${folder} …`);
    execFileSync(process.execPath, [join(root, 'tools/generator/dist/cli.js'), '--scale', String(scale), '--seed', String(seed), '--nights', String(nights), '--out', folder], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return folder;
}
