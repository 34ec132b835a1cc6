import { Link, useParams } from 'wouter';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useUser } from '../hooks/useUser.ts';
import { isPlanner } from '../lib/roles.ts';
import { CategoriesSection } from '../masters/CategoriesSection.tsx';
import { LocationsSection } from '../masters/LocationsSection.tsx';
import { SuppliersSection } from '../masters/SuppliersSection.tsx';
import { UnitsSection } from '../masters/UnitsSection.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../masters/Masters.css';

const SECTIONS = [
  { id: 'suppliers', label: 'Suppliers', Section: SuppliersSection },
  { id: 'categories', label: 'Categories', Section: CategoriesSection },
  { id: 'units', label: 'Units', Section: UnitsSection },
  { id: 'locations', label: 'Locations', Section: LocationsSection },
] as const;

/**
 * `/masters/:section`: the planners' setup of suppliers, categories, units and locations outside the
 * racks. (`/setup` is the first-run setup, hence the name.)
 */
export function MastersPage() {
  const params = useParams<{ section?: string }>();
  const user = useUser();
  const current = SECTIONS.find((s) => s.id === (params.section ?? 'suppliers'));
  useDocumentTitle(current ? `Setup: ${current.label}` : 'Setup');
  if (!isPlanner(user.role)) {
    return (
      <div className="page">
        <PageHeader title="Setup" />
        <EmptyState title="Setup is for planners">
          <p>Ask a planner or an administrator to change suppliers, categories, units or locations.</p>
        </EmptyState>
      </div>
    );
  }
  if (!current) return <NotFoundPage />;
  const { Section } = current;
  return (
    <div className="page" data-testid="masters-page">
      <PageHeader
        title="Setup"
        subtitle="Suppliers and their prices, item categories, units and packs, and locations outside the racks."
      />
      <nav className="masters-tabs" aria-label="Setup sections">
        {SECTIONS.map((s) => (
          <Link
            key={s.id}
            href={`/masters/${s.id}`}
            className={`masters-tabs__tab${s.id === current.id ? ' masters-tabs__tab--active' : ''}`}
            aria-current={s.id === current.id ? 'page' : undefined}
            data-testid={`masters-tab-${s.id}`}
          >
            {s.label}
          </Link>
        ))}
      </nav>
      <Section />
    </div>
  );
}
