import type { ReactNode } from 'react';
import { Barcode } from './Barcode.tsx';
import { QrCode } from './QrCode.tsx';

export type ItemLabel = { kind: 'item'; id: number; name: string; sku: string; barcode: string | null };
export type BinLabel = { kind: 'bin'; code: string; detail: string };
export type Label = ItemLabel | BinLabel;

function ItemLabelView({ label }: { label: ItemLabel }) {
  return (
    <>
      <span className="label__name">{label.name}</span>
      <span className="label__sub mono">{label.sku}</span>
      <Barcode value={label.barcode ?? label.sku} height={40} />
    </>
  );
}

function BinLabelView({ label }: { label: BinLabel }) {
  return (
    <span className="label__bin">
      <QrCode value={label.code} size={92} />
      <span className="label__bin-text">
        <span className="label__code mono">{label.code}</span>
        <span className="label__sub">{label.detail}</span>
      </span>
    </span>
  );
}

/** An A4 sheet of 3 × 7 labels (63.5 × 38.1 mm, the common L7160 layout) — what `@media print` prints. */
export function LabelSheet({ labels, empty }: { labels: readonly Label[]; empty: ReactNode }) {
  if (labels.length === 0) return <div className="label-sheet label-sheet--empty">{empty}</div>;
  return (
    <div className="label-sheet" data-testid="label-sheet">
      {labels.map((l) => (
        <div
          key={l.kind === 'item' ? `i${l.id}` : `b${l.code}`}
          className={`label label--${l.kind}`}
          data-testid="label"
        >
          {l.kind === 'item' ? <ItemLabelView label={l} /> : <BinLabelView label={l} />}
        </div>
      ))}
    </div>
  );
}
