import type { Agent } from '../../api/types.ts';
import { LocalTime } from '../../components/LocalTime.tsx';
import { useNow } from '../../hooks/useNow.ts';
import { onShiftNow, summarizeWorkingHours } from '../../lib/workingHours.ts';

/** My working hours in my own zone, my local time, and whether I am on shift now. */
export function MyHours({ agent }: { agent: Agent }) {
  const now = useNow(60_000);
  const hours = summarizeWorkingHours(agent.workingHours);
  const onShift = onShiftNow(agent.workingHours, agent.timeZone, now);
  return (
    <p className="my-hours">
      {hours ? <>Working hours {hours}</> : <>No working hours set (always on shift)</>}
      {agent.timeZone && (
        <>
          {' · '}now <LocalTime timeZone={agent.timeZone} />
        </>
      )}
      {onShift !== null && (
        <span className={onShift ? 'shift-on' : 'shift-off'}>{onShift ? ' · on shift' : ' · off shift'}</span>
      )}
    </p>
  );
}
