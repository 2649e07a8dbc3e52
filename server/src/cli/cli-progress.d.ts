/** The part of cli-progress 3 (which ships no types) that the CLI uses. */
declare module 'cli-progress' {
  export interface Options {
    format?: string;
    fps?: number;
    stream?: NodeJS.WritableStream;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    hideCursor?: boolean | null;
    barsize?: number;
    etaBuffer?: number;
    autopadding?: boolean;
    formatValue?: (value: number, options: Options, type: string) => string;
  }

  export interface Preset {
    format?: string;
    barCompleteChar: string;
    barIncompleteChar: string;
  }

  export class SingleBar {
    constructor(options: Options, preset?: Preset);
    start(total: number, startValue: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
    stop(): void;
  }

  export const Presets: {
    legacy: Preset;
    shades_classic: Preset;
    shades_grey: Preset;
    rect: Preset;
  };
}
