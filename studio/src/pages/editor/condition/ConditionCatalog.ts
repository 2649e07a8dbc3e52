import type { FactDescription, OperatorDescription } from '@baton/schemas/types';
import { createContext, useContext } from 'react';

/** The facts and operators conditions may use, from the server's catalog (modules add their own). */
export interface ConditionCatalog {
  facts: FactDescription[];
  operators: OperatorDescription[];
}

export const ConditionCatalogContext = createContext<ConditionCatalog>({ facts: [], operators: [] });

export function useConditionCatalog(): ConditionCatalog {
  return useContext(ConditionCatalogContext);
}
