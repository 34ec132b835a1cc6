import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import type { Facility } from '../../../twin-models/schema.ts';
import { Field } from '../components/Field.tsx';
import { Progress } from '../components/Progress.tsx';
import { useJob } from '../hooks/useJob.ts';
import { errorMessage } from '../lib/errors.ts';
import { type Inputs, useTRPC } from '../trpc.ts';

type Scope = Inputs['droneAudits']['plan']['scope'];
type Kind = Scope['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'aisle', label: 'An aisle' },
  { kind: 'zone', label: 'A zone' },
  { kind: 'bins', label: 'A list of bins' },
  { kind: 'not-counted', label: 'Not counted recently' },
  { kind: 'all', label: 'Every bin' },
];

function scopeOf(kind: Kind, f: { aisle: string; zoneId: string; codes: string; days: number }): Scope {
  switch (kind) {
    case 'aisle':
      return { kind, aisle: f.aisle };
    case 'zone':
      return { kind, zoneId: f.zoneId };
    case 'bins':
      return {
        kind,
        codes: f.codes
          .split(/[\s,;]+/)
          .map((c) => c.trim())
          .filter(Boolean),
      };
    case 'not-counted':
      return { kind, days: f.days };
    case 'all':
      return { kind };
  }
}

/**
 * Choose what to count and the drone's limits, then plan. Planning runs as a job on the server: this
 * form shows its progress and can cancel it; when it is done the audit opens.
 */
export function PlanForm({ facility, initialAisle }: { facility: Facility; initialAisle: string | null }) {
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const letters = facility.aisles.filter((a) => a.kind === 'aisle' && a.letter).map((a) => a.letter ?? '');
  const [kind, setKind] = useState<Kind>('aisle');
  const [aisle, setAisle] = useState(
    initialAisle && letters.includes(initialAisle.toUpperCase())
      ? initialAisle.toUpperCase()
      : (letters[0] ?? ''),
  );
  const [zoneId, setZoneId] = useState(facility.zones[0]?.id ?? '');
  const [codes, setCodes] = useState('');
  const [days, setDays] = useState(30);
  const [speedMps, setSpeed] = useState(3);
  const [batteryMinutes, setBattery] = useState(20);
  const [reserveMinutes, setReserve] = useState(4);
  const [secondsPerScan, setScan] = useState(2);
  const [jobId, setJobId] = useState<string | null>(null);

  const plan = useMutation(trpc.droneAudits.plan.mutationOptions({ onSuccess: (job) => setJobId(job.id) }));
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions());
  const job = useJob(jobId);
  const status = job.data?.status;
  const result = job.data?.result as { auditId: number } | null | undefined;
  useEffect(() => {
    if (status === 'done' && result) navigate(`/audits/${result.auditId}`);
  }, [status, result, navigate]);

  const running = plan.isPending || status === 'running';
  const submit = () => {
    setJobId(null);
    plan.mutate({
      scope: scopeOf(kind, { aisle, zoneId, codes, days }),
      config: { speedMps, batteryMinutes, reserveMinutes, secondsPerScan },
    });
  };

  return (
    <form
      className="card audit-plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="audit-plan-form"
    >
      <h2>Plan a drone audit</h2>
      <div className="form-grid">
        <Field label="What to count">
          {(p) => (
            <select
              {...p}
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              data-testid="audit-scope-kind"
            >
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'aisle' ? (
          <Field label="Aisle">
            {(p) => (
              <select
                {...p}
                value={aisle}
                onChange={(e) => setAisle(e.target.value)}
                data-testid="audit-aisle"
              >
                {letters.map((l) => (
                  <option key={l} value={l}>
                    Aisle {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {kind === 'zone' ? (
          <Field label="Zone">
            {(p) => (
              <select {...p} value={zoneId} onChange={(e) => setZoneId(e.target.value)}>
                {facility.zones.map((z) => (
                  <option key={z.id} value={z.id}>
                    {z.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {kind === 'bins' ? (
          <Field label="Bin codes" hint="Separated by spaces, commas or new lines, e.g. B-01-1 B-01-2">
            {(p) => <textarea {...p} rows={3} value={codes} onChange={(e) => setCodes(e.target.value)} />}
          </Field>
        ) : null}
        {kind === 'not-counted' ? (
          <NumberField label="Not counted in (days)" min={0} value={days} onChange={setDays} />
        ) : null}
      </div>
      <details className="audit-plan-form__drone">
        <summary>Drone and battery</summary>
        <div className="form-grid">
          <NumberField
            label="Transit speed (m/s)"
            min={0.1}
            step={0.1}
            value={speedMps}
            onChange={setSpeed}
          />
          <NumberField label="Battery (minutes)" min={1} value={batteryMinutes} onChange={setBattery} />
          <NumberField label="Reserve (minutes)" min={0} value={reserveMinutes} onChange={setReserve} />
          <NumberField
            label="Seconds per scan"
            min={0.1}
            step={0.1}
            value={secondsPerScan}
            onChange={setScan}
          />
        </div>
      </details>
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={running}
          data-testid="audit-plan-submit"
        >
          Plan audit
        </button>
      </div>
      {plan.isError ? (
        <p className="form-message form-message--error" role="alert" data-testid="audit-plan-error">
          {errorMessage(plan.error)}
        </p>
      ) : null}
      {jobId !== null && job.data ? (
        <div className="audit-job" aria-live="polite" data-testid="audit-job">
          {status === 'running' ? (
            <>
              <Progress value={job.data.progress} max={1} label="Planning progress" />
              <span className="muted">{job.data.stage}…</span>
              <button
                type="button"
                className="button"
                disabled={cancel.isPending}
                onClick={() => cancel.mutate({ id: jobId })}
                data-testid="audit-plan-cancel"
              >
                Cancel
              </button>
            </>
          ) : status === 'failed' ? (
            <p className="form-message form-message--error" role="alert">
              {job.data.error ?? 'Planning failed.'}
            </p>
          ) : status === 'cancelled' ? (
            <p className="muted">Planning cancelled.</p>
          ) : (
            <p className="muted">Plan ready; opening it…</p>
          )}
        </div>
      ) : null}
    </form>
  );
}

/** A labelled number input; the plan form has several and they differ only in these props. */
function NumberField(props: {
  label: string;
  min: number;
  step?: number;
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <Field label={props.label}>
      {(p) => (
        <input
          {...p}
          type="number"
          min={props.min}
          step={props.step}
          value={props.value}
          onChange={(e) => props.onChange(Number(e.target.value))}
        />
      )}
    </Field>
  );
}
