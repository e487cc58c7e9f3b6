import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import type { Session } from '../api/session';
import { pagesOf, ROLE_LABELS } from './pages';

/** Header, the role's navigation and the page; a skip link first, for keyboard users. */
export function Layout({ session, onSignOut, children }: { session: Session; onSignOut: () => void; children: ReactNode }) {
  const pages = pagesOf(session.role);
  const sections = [...new Set(pages.map((page) => page.section))];
  return (
    <>
      <a className="skip-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header className="site-header">
        <span className="product">Jugendamt Controlling</span>
        <span className="who">Angemeldet als {ROLE_LABELS[session.role]}</span>
        <button type="button" className="secondary" onClick={onSignOut}>
          Abmelden
        </button>
      </header>
      <div className="frame">
        <nav aria-label="Hauptnavigation" className="site-nav">
          {sections.map((section) => (
            <div key={section}>
              <h2>{section}</h2>
              <ul>
                {pages
                  .filter((page) => page.section === section)
                  .map((page) => (
                    <li key={page.path}>
                      {/* A page stays marked on its sub-pages (one catalogue); the overview not on the KPI pages below it. */}
                      <NavLink to={page.path} end={page.path === '/controlling'}>
                        {page.title}
                      </NavLink>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="inhalt" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
