import { useId, useState } from 'react';
import { useFormat } from '../hooks/useFormat.ts';
import type { IssuedLink } from '../lib/types.ts';
import './OneTimeLink.css';

/**
 * A reset or invitation link as the server issued it, made absolute on this origin. The server keeps
 * only a hash, so this is the one time anyone sees it.
 */
export function OneTimeLink({ link, name, onDone }: { link: IssuedLink; name: string; onDone?: () => void }) {
  const format = useFormat();
  const url = `${window.location.origin}${link.path}`;
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const labelId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (plain HTTP, permissions): the field stays selectable.
      setCopied('failed');
    }
  };
  const what = link.purpose === 'invite' ? `Invitation link for ${name}` : `Password reset link for ${name}`;
  return (
    <div className="one-time-link" data-testid="one-time-link" data-purpose={link.purpose}>
      <p className="one-time-link__title" id={labelId}>
        {what}
      </p>
      <div className="one-time-link__row">
        <input
          className="mono"
          readOnly
          value={url}
          aria-labelledby={labelId}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="one-time-link-url"
        />
        <button type="button" className="button" onClick={() => void copy()} data-testid="one-time-link-copy">
          Copy
        </button>
      </div>
      <p className="muted" role="status">
        {copied === 'yes'
          ? 'Copied. '
          : copied === 'failed'
            ? 'Could not copy here; select the link and copy it yourself. '
            : ''}
        Shown only now: give it to {name} yourself. It works once and expires{' '}
        <span data-testid="one-time-link-expiry">{format.dateTime(link.expiresAt)}</span>; issuing another
        link voids this one.
      </p>
      {onDone ? (
        <div>
          <button type="button" className="button button--small" onClick={onDone}>
            Done
          </button>
        </div>
      ) : null}
    </div>
  );
}
