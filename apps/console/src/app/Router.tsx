import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import type { Session } from '../api/session';
import { KPI_CATALOGUE, kpiPath } from '../kpis/catalogue';
import { pagesOf } from './pages';

type PageModule = { default: React.ComponentType };

/**
 * A page loaded when first shown, whose loading can also start earlier: at start the page of
 * the address is fetched while the session is still being asked for, not after it. Once its
 * code is there, it renders at once: through `lazy` it would suspend for a tick, and React
 * holds a revealed fallback back for 300 ms.
 */
function routePage(load: () => Promise<PageModule>): { Page: React.ComponentType; preload: () => void } {
  let loaded: React.ComponentType | undefined;
  let loading: Promise<PageModule> | undefined;
  const once = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Lazy = lazy(once);
  const Page = () => {
    const Loaded = loaded;
    return Loaded ? <Loaded /> : <Lazy />;
  };
  return { Page, preload: () => void once().catch(() => (loading = undefined)) };
}

// Each page group is its own chunk: a planner's browser never loads the administrator's code.
const PAGE_LOADERS: Readonly<Record<string, ReturnType<typeof routePage>>> = {
  '/controlling': routePage(() => import('../pages/controlling/Overview')),
  '/gesamtbericht': routePage(() => import('../pages/planning/AnnualReport')),
  '/verwaltung/quellen': routePage(() => import('../pages/admin/Sources')),
  '/verwaltung/importe': routePage(() => import('../pages/admin/Imports')),
  '/verwaltung/hochladen': routePage(() => import('../pages/admin/Upload')),
  '/verwaltung/auftraege': routePage(() => import('../pages/admin/Jobs')),
  '/verwaltung/zeitplaene': routePage(() => import('../pages/admin/Schedules')),
  '/verwaltung/kataloge': routePage(() => import('../pages/admin/Catalogues')),
  '/verwaltung/projektionen': routePage(() => import('../pages/admin/Projections')),
  '/verwaltung/eingabequalitaet': routePage(() => import('../pages/admin/InputQuality')),
  // Each KPI page is its own chunk too: the shared KpiPage with that KPI's reading, loaded together.
  ...Object.fromEntries(
    KPI_CATALOGUE.map((entry) => [
      kpiPath(entry),
      routePage(async () => {
        const [{ KpiPage }, { default: reading }] = await Promise.all([import('../pages/controlling/KpiPage'), entry.load()]);
        return { default: () => <KpiPage entry={entry} reading={reading} /> };
      }),
    ]),
  ),
};

/** Longest first, so that a KPI page's address finds the KPI page, not the overview above it. */
const PAGE_PATHS = Object.keys(PAGE_LOADERS).sort((a, b) => b.length - a.length);

/** Starts loading the page the address leads to (or one below it), if there is one. */
export function preloadPageOf(pathname: string): void {
  const path = PAGE_PATHS.find((candidate) => pathname === candidate || pathname.startsWith(`${candidate}/`));
  if (path) PAGE_LOADERS[path]!.preload();
}

/** Only the pages of the session's role exist; any other path leads to its first page. */
export function AppRoutes({ session }: { session: Session }) {
  const pages = pagesOf(session.role);
  return (
    <Suspense fallback={<p className="loading">Wird geladen …</p>}>
      <Routes>
        {pages.map((page) => {
          const { Page } = PAGE_LOADERS[page.path]!;
          // A page may have pages of its own below it (an import's findings under the import list).
          return <Route key={page.path} path={`${page.path}/*`} element={<Page />} />;
        })}
        <Route path="*" element={<Navigate to={pages[0]!.path} replace />} />
      </Routes>
    </Suspense>
  );
}
