import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useUser } from '../hooks/useUser.ts';
import { isAdmin, isPlanner, type Role } from '../lib/roles.ts';
import { EmptyState } from './EmptyState.tsx';
import { PageHeader } from './PageHeader.tsx';

const AUDIENCES = {
  planners: { allows: isPlanner, ask: 'a planner or an administrator' },
  administrators: { allows: isAdmin, ask: 'an administrator' },
} satisfies Record<string, { allows: (role: Role) => boolean; ask: string }>;

/**
 * A page only some roles can use. Its link is hidden from everyone else (NavLinks); someone who
 * follows a link anyway gets one plain sentence, not the page's form next to a refusal.
 */
export function RoleGate({
  audience,
  title,
  children,
}: {
  audience: keyof typeof AUDIENCES;
  title: string;
  children: ReactNode;
}) {
  const role = useUser().role;
  if (AUDIENCES[audience].allows(role)) return children;
  return <NotForYou audience={audience} title={title} />;
}

function NotForYou({ audience, title }: { audience: keyof typeof AUDIENCES; title: string }) {
  useDocumentTitle(title);
  return (
    <div className="page" data-testid="role-gate">
      <PageHeader title={title} />
      <EmptyState title={`This page is for ${audience}`}>
        <p>
          Ask {AUDIENCES[audience].ask} if you need something from it, or <Link href="/">find a part</Link>.
        </p>
      </EmptyState>
    </div>
  );
}
