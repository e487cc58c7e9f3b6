import type { CatalogueView } from './catalogue-api';

type Effect = Pick<CatalogueView, 'takesEffect' | 'rebuildPending'>;

/** Whether the figures follow the current version yet, in words (the API tells it per projection). */
export function effectText({ takesEffect, rebuildPending }: Partial<Effect>): string {
  if (takesEffect === 'at once') return 'sofort wirksam: die Kennzahlen lesen ihn bei jeder Abfrage';
  if (rebuildPending?.length) return `wird mit dem Neuaufbau der Projektionen wirksam (steht aus: ${rebuildPending.join(', ')})`;
  return 'wirksam: die Projektionen sind mit dieser Version aufgebaut';
}
