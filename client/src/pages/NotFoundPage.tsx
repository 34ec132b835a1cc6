import { Link } from 'wouter';
import { EmptyState } from '../components/EmptyState.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <div className="page">
      <h1 className="visually-hidden" tabIndex={-1}>
        Page not found
      </h1>
      <EmptyState title="There is no page here">
        <p>
          The link may be old or mistyped. <Link href="/">Search the items</Link> instead.
        </p>
      </EmptyState>
    </div>
  );
}
