import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The values of a Y.Map of plain JSON entries, re-read on every change (local or remote). */
export function useYMapValues<T>(map: Y.Map<unknown> | undefined): T[] {
  const [values, setValues] = useState<T[]>([]);
  useEffect(() => {
    if (!map) {
      setValues([]);
      return;
    }
    const read = () => setValues([...map.values()] as T[]);
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [map]);
  return values;
}
