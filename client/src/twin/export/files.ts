/**
 * Turning the current Facility document into files the browser downloads: a binary glTF (.glb) of
 * `buildExportScene`, and the document itself as pretty JSON. Reading a chosen file back is here too.
 */
import type { Scene } from 'three';
import type { Facility } from '../../../../twin-models/schema.ts';
import { buildExportScene, disposeExportScene } from './scene.ts';

export type ExportPhase = 'building' | 'writing';

/** Lets the browser paint (a progress label, a disabled button) before a long synchronous step. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A scene as a binary glTF. Nodes keep translation/rotation/scale (smaller than matrices). */
export async function sceneToGlb(scene: Scene): Promise<ArrayBuffer> {
  // Loaded on first export, so the twin page does not carry the exporter for everyone.
  const { GLTFExporter } = await import('three/examples/jsm/exporters/GLTFExporter.js');
  const result = await new GLTFExporter().parseAsync(scene, { binary: true, trs: true, onlyVisible: false });
  if (!(result instanceof ArrayBuffer)) throw new Error('The glTF exporter did not produce a binary file');
  return result;
}

export type GlbExport = { bytes: ArrayBuffer; filename: string; ms: number };

/** The facility as `<facility-id>.glb`; `onPhase` is told before each slow step. */
export async function facilityToGlb(
  facility: Facility,
  onPhase: (phase: ExportPhase) => void = () => {},
): Promise<GlbExport> {
  const started = performance.now();
  onPhase('building');
  await nextFrame();
  const scene = buildExportScene(facility);
  try {
    onPhase('writing');
    await nextFrame();
    const bytes = await sceneToGlb(scene);
    return { bytes, filename: `${safeName(facility.id)}.glb`, ms: Math.round(performance.now() - started) };
  } finally {
    disposeExportScene(scene);
  }
}

/** The document as the JSON a planner can edit and publish again. */
export function facilityToJson(facility: Facility): { text: string; filename: string } {
  return { text: `${JSON.stringify(facility, null, 2)}\n`, filename: `${safeName(facility.id)}.json` };
}

/** Ids are free text; keep the file name to characters every file system accepts. */
export function safeName(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.]+/, '');
  return cleaned === '' ? 'facility' : cleaned;
}

/** Saves bytes or text as a file the browser downloads. */
export function downloadFile(filename: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type ReadDocument = { ok: true; document: unknown } | { ok: false; message: string };

/** A chosen file's JSON, or why it is not JSON; validation is the server's (it names every path). */
export async function readJsonFile(file: File): Promise<ReadDocument> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: `${file.name} could not be read` };
  }
  try {
    return { ok: true, document: JSON.parse(text) as unknown };
  } catch (error) {
    const why = error instanceof Error ? error.message : 'not JSON';
    return { ok: false, message: `${file.name} is not a JSON document: ${why}` };
  }
}
