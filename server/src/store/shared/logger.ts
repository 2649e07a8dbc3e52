/** Where the store reports recoveries and compactions; `openStore` callers pass their app logger. */
export interface StoreLogger {
  warn(msg: string): void;
  info(msg: string): void;
}

/** Without a logger, warnings (recoveries, failed compactions) still reach stderr; routine info does not. */
export const consoleLogger: StoreLogger = {
  warn: (msg) => console.warn(`[store] ${msg}`),
  info: () => {},
};
