import { useDeferredValue, useState } from 'react';
import type { RoiInputs } from '../../api/analytics.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useRoi } from '../../hooks/useRoi.ts';
import { formatDay } from './format.ts';

const FIELDS: Array<{
  key: keyof RoiInputs;
  label: string;
  hint: string;
  step: number;
  prefix?: string;
  suffix?: string;
}> = [
  {
    key: 'costPerHour',
    label: 'Cost of a support hour',
    hint: 'Loaded: salary, tools, overhead.',
    step: 1,
    prefix: '$',
  },
  {
    key: 'handoffsPerMonth',
    label: 'Handoffs a month',
    hint: 'Your volume; Baton measures it over the range.',
    step: 10,
  },
  {
    key: 'hoursLostPerHandoff',
    label: 'Hours lost per handoff before Baton',
    hint: 'Re-reading, re-asking, waiting.',
    step: 0.1,
    suffix: 'h',
  },
];

/** Offers what Baton measured over the range in place of the assumed figure. */
function MeasuredButton({ value, onUse }: { value: number | null; onUse: (v: number) => void }) {
  if (value === null) return <span className="muted small">Nothing measured in this range yet.</span>;
  return (
    <button type="button" className="link-button roi-use-measured" onClick={() => onUse(value)}>
      Use the measured value ({value.toLocaleString('en-US')})
    </button>
  );
}

function money(v: number) {
  return `$${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** The return on Baton: editable assumptions against what was measured, every step shown. */
export function RoiCalculator({ from, to }: { from: string; to: string }) {
  const [inputs, setInputs] = useState<Partial<RoiInputs>>({});
  const deferred = useDeferredValue(inputs);
  const roi = useRoi({ from, to, ...deferred });
  const current = { ...(roi.data?.defaults ?? {}), ...inputs } as Partial<RoiInputs>;
  return (
    <section className="roi" aria-labelledby="roi-title">
      <h2 id="roi-title" className="section-title">
        Return on Baton
      </h2>
      <p className="muted">
        Change the assumptions; the measured numbers come from {formatDay(from)} – {formatDay(to)}.
      </p>
      <div className="roi-inputs">
        {FIELDS.map((f) => (
          <label key={f.key} className="field roi-field">
            <span className="field-label">{f.label}</span>
            <span className="roi-input">
              {f.prefix && <span className="muted">{f.prefix}</span>}
              <input
                type="number"
                min={0}
                step={f.step}
                value={current[f.key] ?? ''}
                onChange={(e) => {
                  const n = e.target.valueAsNumber;
                  setInputs((prev) => ({ ...prev, [f.key]: Number.isFinite(n) && n >= 0 ? n : undefined }));
                }}
              />
              {f.suffix && <span className="muted">{f.suffix}</span>}
            </span>
            <span className="muted small">{f.hint}</span>
            {roi.data?.sources[f.key] && (
              <span className="roi-source small">
                {current[f.key] === roi.data.defaults[f.key] ? roi.data.sources[f.key].source : 'Your figure'}
              </span>
            )}
            {roi.data?.sources[f.key]?.measured && (
              <MeasuredButton
                value={roi.data.measuredInputs[f.key] ?? null}
                onUse={(v) => setInputs((prev) => ({ ...prev, [f.key]: v }))}
              />
            )}
          </label>
        ))}
      </div>
      {roi.isPending && <Loading label="Calculating…" />}
      {roi.isError && <ErrorNotice error={roi.error} title="Could not calculate" compact />}
      {roi.data && (
        <ol className="roi-steps">
          {roi.data.steps.map((s) => (
            <li key={s.key} className={s.key.startsWith('saved') ? 'roi-step roi-result' : 'roi-step'}>
              <span className="roi-label">{s.label}</span>
              <span className="roi-formula">{s.formula}</span>
              <span className="roi-value">
                {s.value === null
                  ? '—'
                  : s.unit === 'money'
                    ? money(s.value)
                    : s.unit === 'ratio'
                      ? `${(s.value * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`
                      : s.unit === 'hours'
                        ? `${s.value.toLocaleString('en-US', { maximumFractionDigits: 3 })} h`
                        : s.value.toLocaleString('en-US', { maximumFractionDigits: 1 })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
