import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import type { paths } from '../../../api/schema';
import type { ImportRecord } from './import-types';

export type ImportQuery = NonNullable<paths['/api/v1/admin/imports']['get']['parameters']['query']>;

export interface LoadedImports {
  readonly imports?: readonly ImportRecord[];
  readonly loadedAt?: string;
  readonly error?: string;
}

/** The imports the API lists for a question, asked again whenever `refresh` changes. */
export function useImports(query: ImportQuery, refresh: number): LoadedImports {
  const [loaded, setLoaded] = useState<LoadedImports>({});
  const key = JSON.stringify(query);
  useEffect(() => {
    let current = true;
    api.GET('/api/v1/admin/imports', { params: { query } }).then(
      ({ data }) => current && setLoaded({ imports: data!.imports, loadedAt: new Date().toISOString() }),
      (failure: Error) => current && setLoaded({ error: failure.message }),
    );
    return () => {
      current = false;
    };
  }, [key, refresh]); // `query` is new each render; `key` is its content
  return loaded;
}
