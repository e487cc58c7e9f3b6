import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Sets one filter in the address, keeping the others: a bookmark keeps the view. It starts from
 * the address as it is now, not as last rendered: the router hands its updater the rendered
 * parameters, so a second quick change would undo the first (CI caught it).
 */
export function useAddressFilter<K extends string>(): (key: K, value: string) => void {
  const [, setSearch] = useSearchParams();
  return useCallback(
    (key: K, value: string) => {
      const next = new URLSearchParams(window.location.search);
      if (value) next.set(key, value);
      else next.delete(key);
      setSearch(next, { replace: true });
    },
    [setSearch],
  );
}
