import { Link, useLocation } from 'wouter';

const LINKS = [
  {
    href: '/',
    label: 'Items',
    match: (p: string) => p === '/' || p.startsWith('/items') || p.startsWith('/bins'),
  },
  { href: '/low-stock', label: 'Low stock' },
  { href: '/purchase-orders', label: 'Purchase orders' },
  { href: '/assets', label: 'Assets' },
  { href: '/work-orders', label: 'Work orders' },
  { href: '/labels', label: 'Labels' },
  { href: '/io', label: 'Import/Export' },
] as const;

/** The main sections. The current one is marked for screen readers as well as visually. */
export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const [location] = useLocation();
  return (
    <ul className="nav__list">
      {LINKS.map((link) => {
        const active = 'match' in link ? link.match(location) : location.startsWith(link.href);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              className={`nav__link${active ? ' nav__link--active' : ''}`}
              aria-current={active ? 'page' : undefined}
              onClick={onNavigate}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
