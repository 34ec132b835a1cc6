import { Link, useLocation } from 'wouter';
import { useUser } from '../hooks/useUser.ts';
import { isAdmin, isPlanner } from '../lib/roles.ts';

type NavLink = {
  href: string;
  label: string;
  match?: (path: string) => boolean;
  adminOnly?: boolean;
  plannerOnly?: boolean;
};

const LINKS: readonly NavLink[] = [
  {
    href: '/',
    label: 'Items',
    match: (p: string) => p === '/' || p.startsWith('/items') || p.startsWith('/bins'),
  },
  { href: '/twin', label: 'Twin' },
  { href: '/low-stock', label: 'Low stock' },
  { href: '/purchase-orders', label: 'Purchase orders' },
  { href: '/assets', label: 'Assets' },
  { href: '/work-orders', label: 'Work orders' },
  { href: '/audits', label: 'Drone audits', plannerOnly: true },
  { href: '/planner', label: 'Planner', plannerOnly: true },
  { href: '/labels', label: 'Labels' },
  { href: '/io', label: 'Import/Export', plannerOnly: true },
  // Suppliers, categories, units and locations; "/setup" is the first-run setup.
  { href: '/masters', label: 'Setup', plannerOnly: true },
  { href: '/admin', label: 'Admin', adminOnly: true },
  { href: '/settings', label: 'Settings', adminOnly: true },
];

/**
 * The main sections the user's role may open. The current one is marked for screen readers as well
 * as visually.
 */
export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const [location] = useLocation();
  const role = useUser().role;
  const admin = isAdmin(role);
  const planner = isPlanner(role);
  return (
    <ul className="nav__list">
      {LINKS.filter((link) => (admin || !link.adminOnly) && (planner || !link.plannerOnly)).map((link) => {
        const active = link.match ? link.match(location) : location.startsWith(link.href);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              className={`nav__link${active ? ' nav__link--active' : ''}`}
              aria-current={active ? 'page' : undefined}
              onClick={onNavigate}
              data-testid={`nav-${link.href.slice(1) || 'items'}`}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
