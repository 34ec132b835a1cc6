import JsBarcode from 'jsbarcode';
import { useEffect, useRef, useState } from 'react';

/** A Code128 barcode drawn as SVG, so it prints sharp at any size. */
export function Barcode({ value, height = 48 }: { value: string; height?: number }) {
  const svg = useRef<SVGSVGElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!svg.current) return;
    try {
      JsBarcode(svg.current, value, {
        format: 'CODE128',
        height,
        width: 1.6,
        margin: 0,
        fontSize: 13,
        textMargin: 2,
        font: 'ui-monospace, SFMono-Regular, Menlo, monospace',
        background: 'transparent',
      });
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [value, height]);
  if (failed) return <span className="muted">Cannot encode {value}</span>;
  return (
    <svg ref={svg} className="barcode" role="img" aria-label={`Barcode ${value}`} data-testid="barcode" />
  );
}
