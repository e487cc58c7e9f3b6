import { existsSync } from 'node:fs';
import { inOffice } from '@jugendamt/db';
import { heldContentOutcome } from '../import/import-repository.js';
import { sha256OfFile } from '../reading/hash-file.js';
import type { ImportJobDeps } from './run-import-job.js';

/**
 * Moves what no longer waits out of `held/`: a held snapshot applied since (confirmed by a job,
 * or by the CLI with --confirm-deletions) goes to `done/`, a rejected one to `rejected/`, copies
 * delivered while it waited included; the shelves' retention deletes them. An undecided one
 * stays, however long it waits (the sources view says how long). Each file is moved under its
 * source's lock, so no confirmation reads a file this moves away.
 */
export function tidyHeld(deps: ImportJobDeps): Promise<number> {
  return inOffice(deps.settings.tenantId, () => tidyHeldOfOffice(deps));
}

async function tidyHeldOfOffice(deps: ImportJobDeps): Promise<number> {
  const { database, settings, inbox } = deps;
  let moved = 0;
  for (const file of await inbox.held()) {
    // A copy's shelved name carries a time stamp and says no source: its content does.
    const sha256 = await sha256OfFile(file.path).catch(() => undefined);
    const held = sha256 && (await heldContentOutcome(database.app, settings.tenantId, sha256));
    if (!held || held.outcome === 'waiting') continue;
    const verdict = held.outcome;
    await deps.exclusively(`import-job:${settings.tenantId}:${held.source}`, async () => {
      if (!existsSync(file.path)) return;
      await inbox.shelve(file.path, verdict);
      moved++;
    });
  }
  return moved;
}
