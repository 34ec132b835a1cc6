import { type KeyboardEvent, useId, useState } from 'react';
import { useUser } from '../hooks/useUser.ts';
import { isPlanner } from '../lib/roles.ts';
import type { ItemDetail } from '../lib/types.ts';
import { AdjustForm } from './AdjustForm.tsx';
import { CountForm } from './CountForm.tsx';
import { MoveForm } from './MoveForm.tsx';
import { SingleBinForm } from './SingleBinForm.tsx';

type ActionId = 'pick' | 'receive' | 'put-away' | 'transfer' | 'count' | 'adjust';

const ACTIONS: { id: ActionId; label: string; plannersOnly?: boolean }[] = [
  { id: 'pick', label: 'Pick' },
  { id: 'receive', label: 'Receive' },
  { id: 'put-away', label: 'Put away' },
  { id: 'transfer', label: 'Transfer' },
  { id: 'count', label: 'Count' },
  { id: 'adjust', label: 'Adjust', plannersOnly: true },
];

function ActionForm({ action, item }: { action: ActionId; item: ItemDetail }) {
  switch (action) {
    case 'pick':
      return <SingleBinForm item={item} kind="pick" />;
    case 'receive':
      return <SingleBinForm item={item} kind="receive" />;
    case 'put-away':
      return <MoveForm item={item} kind="putAway" />;
    case 'transfer':
      return <MoveForm item={item} kind="transfer" />;
    case 'count':
      return <CountForm item={item} />;
    case 'adjust':
      return <AdjustForm item={item} />;
  }
}

/** The stock actions as tabs (arrow keys move between them); Adjust only for planners. */
export function StockActions({ item }: { item: ItemDetail }) {
  const user = useUser();
  const base = useId();
  const actions = ACTIONS.filter((a) => !a.plannersOnly || isPlanner(user.role));
  const [active, setActive] = useState<ActionId>('pick');

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = actions.findIndex((a) => a.id === active);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    let next: (typeof actions)[number] | undefined;
    if (step !== 0) next = actions[(index + step + actions.length) % actions.length];
    else if (e.key === 'Home') next = actions[0];
    else if (e.key === 'End') next = actions.at(-1);
    if (!next) return;
    e.preventDefault();
    setActive(next.id);
    document.getElementById(`${base}-tab-${next.id}`)?.focus();
  };

  return (
    <section className="card stock-actions" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`} className="card__title">
        Stock actions
      </h2>
      <div className="tabs" role="tablist" aria-label="Stock action" onKeyDown={onKeyDown}>
        {actions.map((a) => (
          <button
            key={a.id}
            id={`${base}-tab-${a.id}`}
            type="button"
            role="tab"
            className="tabs__tab"
            aria-selected={a.id === active}
            aria-controls={`${base}-panel`}
            tabIndex={a.id === active ? 0 : -1}
            onClick={() => setActive(a.id)}
            data-testid={`action-${a.id}`}
          >
            {a.label}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        aria-labelledby={`${base}-tab-${active}`}
        className="tabs__panel"
      >
        <ActionForm key={active} action={active} item={item} />
      </div>
    </section>
  );
}
