import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import { usePageFocus } from '../hooks/usePageFocus.ts';
import { useSite } from '../hooks/useSite.ts';
import { useUi } from '../state/ui.ts';
import { VoicePanel } from '../voice/VoicePanel.tsx';
import { LiveIndicator } from './LiveIndicator.tsx';
import { NavLinks } from './NavLinks.tsx';
import { Toasts } from './Toasts.tsx';
import { UserMenu } from './UserMenu.tsx';
import './AppShell.css';

/** Header (product and site, sections, demo mark, live light, user), the page, and the notification region. */
export function AppShell({ children }: { children: ReactNode }) {
  const site = useSite();
  const navOpen = useUi((s) => s.navOpen);
  const setNavOpen = useUi((s) => s.setNavOpen);
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);
  usePageFocus(main);

  useEffect(() => {
    // A new page closes the phone menu; `location` is the trigger.
    void location;
    setNavOpen(false);
  }, [location, setNavOpen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link href="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              TV
            </span>
            <span className="brand__text">
              <span className="brand__name">Twinventory</span>
              <span className="brand__site" data-testid="site-name">
                {site.siteName}
              </span>
            </span>
          </Link>
          <button
            type="button"
            className="nav-toggle"
            aria-expanded={navOpen}
            aria-controls="main-nav"
            onClick={() => setNavOpen(!navOpen)}
          >
            <span className="nav-toggle__bars" aria-hidden="true" />
            <span>Menu</span>
          </button>
          <nav id="main-nav" className={`nav${navOpen ? ' nav--open' : ''}`} aria-label="Main">
            <NavLinks onNavigate={() => setNavOpen(false)} />
            <div className="nav__user">
              <UserMenu variant="panel" />
            </div>
          </nav>
          <div className="topbar__end">
            {site.demo ? (
              <span
                className="demo-badge"
                role="note"
                aria-label="Demo data: a generated sample facility with public demo logins"
                title="A generated sample facility with public demo logins"
                data-testid="demo-badge"
              >
                Demo data
              </span>
            ) : null}
            {/* In the header, so it never covers a field or a button of the page. */}
            <VoicePanel />
            <LiveIndicator />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1} ref={main}>
        {children}
      </main>
      <Toasts />
    </div>
  );
}
