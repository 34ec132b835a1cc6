import type { ReactNode } from 'react';
import { Link } from 'wouter';
import './PageHeader.css';

type PageHeaderProps = {
  title: ReactNode;
  subtitle?: ReactNode;
  back?: { href: string; label: string };
  actions?: ReactNode;
};

/** The page's heading (the one h1), an optional way back, and page-level actions. */
export function PageHeader({ title, subtitle, back, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-header__text">
        {back ? (
          <Link href={back.href} className="page-header__back">
            ← {back.label}
          </Link>
        ) : null}
        {/* Focusable from script only: a new page puts focus here (usePageFocus). */}
        <h1 tabIndex={-1}>{title}</h1>
        {subtitle ? <div className="page-header__subtitle">{subtitle}</div> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
