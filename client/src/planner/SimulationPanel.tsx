import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Progress } from '../components/Progress.tsx';
import { useJob } from '../hooks/useJob.ts';
import { errorMessage } from '../lib/errors.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';

/**
 * Starts a server job (simulation or slotting) for the scenario, shows its progress with a cancel
 * button, and refreshes the scenario when it is done.
 */
export function JobRunner({
  scenarioId,
  disabled,
  onDone,
}: {
  scenarioId: number;
  disabled: boolean;
  onDone: (kind: 'simulate' | 'slotting') => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [days, setDays] = useState(180);
  const [seed, setSeed] = useState(1);
  const [running, setRunning] = useState<{ id: string; kind: 'simulate' | 'slotting' } | null>(null);
  const job = useJob(running?.id ?? null);
  const simulate = useMutation(trpc.scenarios.simulate.mutationOptions());
  const slotting = useMutation(trpc.scenarios.suggestSlotting.mutationOptions());
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions());

  const status = job.data?.status;
  useEffect(() => {
    if (running === null || status === undefined || status === 'running') return;
    if (status === 'done') {
      void queryClient.invalidateQueries({ queryKey: trpc.scenarios.get.queryKey({ id: scenarioId }) });
      onDone(running.kind);
    } else if (status === 'failed') toast.error(job.data?.error ?? 'The job failed');
    else toast.info('Cancelled');
    setRunning(null);
  }, [status, running, queryClient, trpc, scenarioId, onDone, job.data?.error]);

  const start = (kind: 'simulate' | 'slotting') => {
    const onSuccess = (view: { id: string }) => setRunning({ id: view.id, kind });
    const onError = (e: unknown) => toast.error(errorMessage(e));
    if (kind === 'simulate') simulate.mutate({ id: scenarioId, days, seed }, { onSuccess, onError });
    else slotting.mutate({ id: scenarioId, days: Math.min(days, 365) }, { onSuccess, onError });
  };

  return (
    <section className="card" aria-label="Simulation">
      <h2 className="card__title">Simulate the work</h2>
      <p className="muted">
        Replays the ledger's picks, put-aways and transfers of the last days against the base layout and this
        scenario.
      </p>
      <div className="planner-row">
        <label className="field">
          <span className="field__label">Days</span>
          <input
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(Math.max(1, Math.min(365, Number(e.target.value) || 1)))}
            data-testid="planner-days"
          />
        </label>
        <label className="field">
          <span className="field__label">Seed</span>
          <input
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
            data-testid="planner-seed"
          />
        </label>
      </div>
      {running !== null && job.data?.status === 'running' ? (
        <div className="planner-job" data-testid="planner-job">
          <Progress value={job.data.progress} max={1} label={job.data.stage} />
          <span>{job.data.stage}</span>
          <button
            type="button"
            className="button"
            onClick={() => cancel.mutate({ id: running.id })}
            data-testid="planner-cancel"
          >
            Cancel
          </button>
        </div>
      ) : (
        <div className="planner-row">
          <button
            type="button"
            className="button button--primary"
            disabled={disabled || running !== null}
            onClick={() => start('simulate')}
            data-testid="planner-simulate"
          >
            Run simulation
          </button>
          <button
            type="button"
            className="button"
            disabled={disabled || running !== null}
            onClick={() => start('slotting')}
            data-testid="planner-slotting"
          >
            Suggest slotting
          </button>
        </div>
      )}
    </section>
  );
}
