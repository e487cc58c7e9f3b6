import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import type { Session } from '../api/session';
import { KPI_CATALOGUE, kpiPath } from '../kpis/catalogue';
import { pagesOf } from './pages';

// Each page group is its own chunk: a planner's browser never loads the administrator's code.
const Overview = lazy(() => import('../pages/controlling/Overview'));
const AnnualReport = lazy(() => import('../pages/planning/AnnualReport'));
const Sources = lazy(() => import('../pages/admin/Sources'));
const Imports = lazy(() => import('../pages/admin/Imports'));
const Upload = lazy(() => import('../pages/admin/Upload'));
const Jobs = lazy(() => import('../pages/admin/Jobs'));
const Schedules = lazy(() => import('../pages/admin/Schedules'));
const Catalogues = lazy(() => import('../pages/admin/Catalogues'));
const Projections = lazy(() => import('../pages/admin/Projections'));

/**
 * Each KPI page is its own chunk too: the shared KpiPage with that KPI's reading, both
 * loaded when the page is first opened.
 */
const KPI_PAGES = Object.fromEntries(
  KPI_CATALOGUE.map((entry) => [
    kpiPath(entry),
    lazy(async () => {
      const [{ KpiPage }, { default: reading }] = await Promise.all([import('../pages/controlling/KpiPage'), entry.load()]);
      return { default: () => <KpiPage entry={entry} reading={reading} /> };
    }),
  ]),
);

const COMPONENTS: Readonly<Record<string, React.ComponentType>> = {
  '/controlling': Overview,
  ...KPI_PAGES,
  '/gesamtbericht': AnnualReport,
  '/verwaltung/quellen': Sources,
  '/verwaltung/importe': Imports,
  '/verwaltung/hochladen': Upload,
  '/verwaltung/auftraege': Jobs,
  '/verwaltung/zeitplaene': Schedules,
  '/verwaltung/kataloge': Catalogues,
  '/verwaltung/projektionen': Projections,
};

/** Only the pages of the session's role exist; any other path leads to its first page. */
export function AppRoutes({ session }: { session: Session }) {
  const pages = pagesOf(session.role);
  return (
    <Suspense fallback={<p className="loading">Wird geladen …</p>}>
      <Routes>
        {pages.map((page) => {
          const Page = COMPONENTS[page.path]!;
          // A page may have pages of its own below it (an import's findings under the import list).
          return <Route key={page.path} path={`${page.path}/*`} element={<Page />} />;
        })}
        <Route path="*" element={<Navigate to={pages[0]!.path} replace />} />
      </Routes>
    </Suspense>
  );
}
