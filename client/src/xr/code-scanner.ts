/**
 * Reads codes from the camera: the browser's BarcodeDetector where it exists (Android Chrome), else
 * jsQR on frames drawn to a small canvas. Reports the decoded text and where the code sat in the
 * image (centre and side in pixels), which is what `markerPoseFromDetection` needs.
 *
 * While an AR session runs on a phone, the AR session owns the camera and getUserMedia usually
 * fails; the overlay then says so and the user aligns by hand (two floor points) or scans before
 * starting AR. Quest 3 exposes its passthrough camera to getUserMedia on recent browser versions.
 */
import jsQR from 'jsqr';

export type Detection = { value: string; centreX: number; sidePx: number; imageWidth: number };

type Point = { x: number; y: number };

type BarcodeDetectorLike = {
  detect(source: CanvasImageSource): Promise<{ rawValue: string; cornerPoints: Point[] }[]>;
};
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** Centre x and mean side length of a code's four corners. */
function quadMetrics(corners: readonly Point[]): { centreX: number; sidePx: number } {
  const n = corners.length;
  if (n === 0) return { centreX: 0, sidePx: 0 };
  let cx = 0;
  let side = 0;
  for (let i = 0; i < n; i++) {
    const a = corners[i] ?? { x: 0, y: 0 };
    const b = corners[(i + 1) % n] ?? a;
    cx += a.x;
    side += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return { centreX: cx / n, sidePx: side / n };
}

const JSQR_WIDTH = 640;

export type CodeScanner = { stop(): void };

export async function startCodeScanner(
  video: HTMLVideoElement,
  onDetect: (d: Detection) => void,
  intervalMs = 250,
): Promise<CodeScanner> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment', width: { ideal: 1280 } },
    audio: false,
  });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  const Ctor = (window as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  const detector = Ctor ? new Ctor({ formats: ['qr_code', 'code_128', 'ean_13', 'ean_8', 'code_39'] }) : null;
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d', { willReadFrequently: true });
  let busy = false;
  const timer = window.setInterval(() => {
    if (busy || video.videoWidth === 0) return;
    busy = true;
    void scanOnce()
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);

  async function scanOnce(): Promise<void> {
    if (detector) {
      for (const code of await detector.detect(video)) {
        onDetect({ value: code.rawValue, ...quadMetrics(code.cornerPoints), imageWidth: video.videoWidth });
      }
      return;
    }
    if (g === null) return;
    const scale = Math.min(1, JSQR_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    g.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = g.getImageData(0, 0, canvas.width, canvas.height);
    const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    if (found) {
      const l = found.location;
      const m = quadMetrics([l.topLeftCorner, l.topRightCorner, l.bottomRightCorner, l.bottomLeftCorner]);
      onDetect({ value: found.data, centreX: m.centreX, sidePx: m.sidePx, imageWidth: image.width });
    }
  }

  return {
    stop() {
      window.clearInterval(timer);
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    },
  };
}
