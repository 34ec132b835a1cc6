import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useId, useRef, useState } from 'react';
import type { Facility } from '../../../../twin-models/schema.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { useInvalidate } from '../../hooks/useInvalidate.ts';
import { useUser } from '../../hooks/useUser.ts';
import { errorMessage } from '../../lib/errors.ts';
import { isPlanner } from '../../lib/roles.ts';
import { toast } from '../../state/toasts.ts';
import { useTRPC } from '../../trpc.ts';
import { downloadFile, type ExportPhase, facilityToGlb, facilityToJson, readJsonFile } from './files.ts';

const PHASE_LABEL: Record<ExportPhase, string> = {
  building: 'Building the model…',
  writing: 'Writing the .glb…',
};

/**
 * The twin's files: the layout as a 3D model (.glb, for Blender or any glTF viewer) and as its JSON
 * document, and, for planners, publishing a JSON document chosen from disk.
 */
export function TwinFiles({ facility }: { facility: Facility }) {
  const user = useUser();
  return (
    <section className="card twin-card" aria-label="Files" data-testid="twin-files">
      <h2 className="twin-card__title">Files</h2>
      <ExportButtons facility={facility} />
      {isPlanner(user.role) ? <PublishFromFile /> : null}
    </section>
  );
}

function ExportButtons({ facility }: { facility: Facility }) {
  const [phase, setPhase] = useState<ExportPhase | null>(null);
  const exportGlb = async () => {
    if (phase !== null) return;
    try {
      const glb = await facilityToGlb(facility, setPhase);
      downloadFile(glb.filename, glb.bytes, 'model/gltf-binary');
      toast.success(`Downloaded ${glb.filename} (${formatBytes(glb.bytes.byteLength)})`);
    } catch (error) {
      toast.error(`The 3D model could not be exported: ${errorMessage(error)}`);
    } finally {
      setPhase(null);
    }
  };
  const exportJson = () => {
    const json = facilityToJson(facility);
    downloadFile(json.filename, json.text, 'application/json');
  };
  return (
    <div className="button-row">
      <button
        type="button"
        className="button button--small"
        disabled={phase !== null}
        aria-busy={phase !== null}
        onClick={() => void exportGlb()}
        data-testid="twin-export-glb"
      >
        {phase === null ? 'Download 3D model (.glb)' : PHASE_LABEL[phase]}
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={exportJson}
        data-testid="twin-export-json"
      >
        Download layout (JSON)
      </button>
    </div>
  );
}

type Chosen = { name: string; document: unknown };

function PublishFromFile() {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const publish = useMutation(trpc.twin.publish.mutationOptions());

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    setProblem(null);
    setChosen(null);
    const file = e.target.files?.[0];
    if (!file) return;
    const read = await readJsonFile(file);
    if (read.ok) setChosen({ name: file.name, document: read.document });
    else setProblem(read.message);
  };

  const run = async () => {
    if (chosen === null) return;
    setProblem(null);
    try {
      const res = await publish.mutateAsync({
        document: chosen.document,
        note: `Published from ${chosen.name}`.slice(0, 500),
      });
      const migrated = res.migratedFrom === undefined ? '' : ` (migrated from version ${res.migratedFrom})`;
      toast.success(`Published layout #${res.revisionId} from ${chosen.name}${migrated}`);
      setChosen(null);
      if (input.current) input.current.value = '';
      // The live event refreshes the view too; this covers a dropped event stream.
      void invalidate.twin();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  return (
    <div style={{ display: 'grid', gap: '0.5rem', marginTop: '0.75rem' }}>
      <label htmlFor={inputId} className="muted">
        Publish a layout from a JSON file
      </label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept=".json,application/json"
        onChange={(e) => void choose(e)}
        disabled={publish.isPending}
        data-testid="twin-publish-file"
      />
      <ConfirmButton
        className="button button--small button--primary"
        question={`Publish the layout in ${chosen?.name ?? 'this file'}?`}
        detail={
          <p>
            Everyone's 3D view, routes and bin list switch to it at once. Bins it removes are retired; the
            server refuses a layout that removes bins still holding stock.
          </p>
        }
        confirmLabel="Publish"
        onConfirm={() => void run()}
        disabled={chosen === null || publish.isPending}
        testId="twin-publish"
      >
        {publish.isPending ? 'Publishing…' : 'Publish layout…'}
      </ConfirmButton>
      {problem !== null ? (
        <p className="notice notice--error" role="alert" data-testid="twin-publish-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
