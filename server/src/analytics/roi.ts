/**
 * The return on Baton, as a calculator with its arithmetic shown. The inputs are editable; the
 * defaults are the figures the business case assumes (docs/decisions.md, "Analytics: ROI"). What
 * Baton measured over the range (handoffs a month, how often the customer had to repeat themselves
 * after one) replaces guesses where it can; every step says which numbers it multiplied.
 */

export interface RoiInputs {
  costPerHour: number;
  handoffsPerMonth: number;
  hoursLostPerHandoff: number;
}

export const ROI_DEFAULTS: RoiInputs = { costPerHour: 50, handoffsPerMonth: 1000, hoursLostPerHandoff: 0.5 };

/**
 * Where each default comes from, shown next to its input. The issue asks for "the source document's
 * figures", but no such document (nor its figures) is in this repository, so the defaults are said to
 * be what they are: round example figures for the user to replace. `measured`: Baton measures this
 * input itself, and the calculator offers the measured value.
 */
export const ROI_SOURCES: Record<keyof RoiInputs, { source: string; measured: boolean }> = {
  costPerHour: { source: 'Example figure — replace with yours', measured: false },
  handoffsPerMonth: { source: 'Example figure — replace with yours', measured: true },
  hoursLostPerHandoff: { source: 'Example figure — replace with yours', measured: false },
};

export interface RoiMeasured {
  days: number;
  handoffs: number;
  /** Handoffs the customer wrote after, and those after which they repeated themselves. */
  contextChecked: number;
  contextLost: number;
  avgCompleteMs: number | null;
}

export interface RoiStep {
  key: string;
  label: string;
  formula: string;
  value: number | null;
  unit: 'money' | 'hours' | 'count' | 'ratio';
}

const money = (v: number) => `$${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
const num = (v: number, digits = 2) => v.toLocaleString('en-US', { maximumFractionDigits: digits });

export function computeRoi(
  inputs: RoiInputs,
  measured: RoiMeasured,
): {
  inputs: RoiInputs;
  measured: RoiMeasured;
  /** The measured value of each input Baton measures (null when nothing was measured yet). */
  measuredInputs: Partial<Record<keyof RoiInputs, number | null>>;
  steps: RoiStep[];
} {
  const { costPerHour, handoffsPerMonth, hoursLostPerHandoff } = inputs;
  const steps: RoiStep[] = [];
  const before = handoffsPerMonth * hoursLostPerHandoff * costPerHour;
  steps.push({
    key: 'costBefore',
    label: 'Monthly cost of lost context before Baton',
    formula: `${num(handoffsPerMonth)} handoffs × ${num(hoursLostPerHandoff)} h × ${money(costPerHour)}/h`,
    value: round(before),
    unit: 'money',
  });
  const perMonth = measured.days > 0 ? (measured.handoffs / measured.days) * 30 : null;
  steps.push({
    key: 'measuredHandoffsPerMonth',
    label: 'Handoffs a month, measured',
    formula: `${num(measured.handoffs, 0)} handoffs in ${num(measured.days, 0)} days × 30`,
    value: perMonth === null ? null : round(perMonth),
    unit: 'count',
  });
  const lossRate = measured.contextChecked ? measured.contextLost / measured.contextChecked : null;
  steps.push({
    key: 'contextLossRate',
    label: 'Handoffs after which the customer repeated themselves, measured',
    formula: measured.contextChecked
      ? `${num(measured.contextLost, 0)} of ${num(measured.contextChecked, 0)} handoffs the customer wrote after`
      : 'no customer wrote after a handoff in this range yet',
    value: lossRate === null ? null : round(lossRate),
    unit: 'ratio',
  });
  // A handoff that kept its context loses nothing; one after which the customer had to repeat
  // themselves is counted as costly as a handoff before Baton.
  const hoursAfter = lossRate === null ? null : hoursLostPerHandoff * lossRate;
  steps.push({
    key: 'hoursLostAfter',
    label: 'Hours lost per handoff with Baton',
    formula:
      lossRate === null
        ? 'needs the measured context loss rate'
        : `${num(hoursLostPerHandoff)} h × ${num(lossRate * 100, 1)} %`,
    value: hoursAfter === null ? null : round(hoursAfter),
    unit: 'hours',
  });
  const after = hoursAfter === null ? null : handoffsPerMonth * hoursAfter * costPerHour;
  steps.push({
    key: 'costAfter',
    label: 'Monthly cost of lost context with Baton',
    formula:
      hoursAfter === null
        ? 'needs the hours lost with Baton'
        : `${num(handoffsPerMonth)} handoffs × ${num(hoursAfter, 3)} h × ${money(costPerHour)}/h`,
    value: after === null ? null : round(after),
    unit: 'money',
  });
  const saved = after === null ? null : before - after;
  steps.push({
    key: 'savedPerMonth',
    label: 'Saved a month',
    formula:
      after === null ? 'needs the cost with Baton' : `${money(round(before))} − ${money(round(after))}`,
    value: saved === null ? null : round(saved),
    unit: 'money',
  });
  steps.push({
    key: 'savedPerYear',
    label: 'Saved a year',
    formula: saved === null ? 'needs the monthly saving' : `${money(round(saved))} × 12`,
    value: saved === null ? null : round(saved * 12),
    unit: 'money',
  });
  if (perMonth !== null && hoursAfter !== null) {
    const atMeasured = perMonth * (hoursLostPerHandoff - hoursAfter) * costPerHour;
    steps.push({
      key: 'savedAtMeasuredVolume',
      label: 'Saved a month at the measured volume',
      formula: `${num(perMonth, 1)} handoffs × (${num(hoursLostPerHandoff)} h − ${num(hoursAfter, 3)} h) × ${money(costPerHour)}/h`,
      value: round(atMeasured),
      unit: 'money',
    });
  }
  return {
    inputs,
    measured,
    measuredInputs: { handoffsPerMonth: perMonth === null ? null : Math.round(perMonth) },
    steps,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
