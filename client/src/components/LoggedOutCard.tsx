import type { ReactNode } from 'react';

/** The card of the pages outside the logged-in app (login, one-time links, first-run setup). */
export function LoggedOutCard({
  title,
  className,
  children,
}: {
  title: string;
  /** A page's own look on top of the card's (the setup card is wider). */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="login">
      <main className={className ? `login__card ${className}` : 'login__card'}>
        <div className="login__brand">
          <span className="brand__mark" aria-hidden="true">
            TV
          </span>
          <span className="brand__name">Twinventory</span>
        </div>
        <h1 className="login__title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
