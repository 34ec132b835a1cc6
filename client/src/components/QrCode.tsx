import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code as an SVG image (vector, so it prints sharp). */
export function QrCode({ value, size = 96 }: { value: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(value, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [value]);
  if (src === null) return <span className="qr qr--placeholder" style={{ width: size, height: size }} />;
  return (
    <img className="qr" src={src} width={size} height={size} alt={`QR code ${value}`} data-testid="qrcode" />
  );
}
