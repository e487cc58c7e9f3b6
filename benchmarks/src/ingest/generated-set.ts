import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A generated export set for the benchmark. Generating a large city takes a while, so a set
 * is kept under ./data/bench and reused while its scale and seed are the same.
 */
export function generatedSet(root: string, scale: number, seed: number, nights = 0): string {
  const folder = join(root, 'data', 'bench', `scale-${scale}-seed-${seed}${nights ? `-nights-${nights}` : ''}`);
  if (!existsSync(join(folder, 'manifest.json'))) {
    console.error(`generating the export set (scale ${scale}, seed ${seed}) into ${folder} …`);
    execFileSync(process.execPath, [join(root, 'apps/ingest/dist/generator/cli.js'), '--scale', String(scale), '--seed', String(seed), '--nights', String(nights), '--out', folder], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return folder;
}
