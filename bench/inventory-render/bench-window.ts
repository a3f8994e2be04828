/** What the bench page exposes to the Playwright driver. */
declare global {
  interface Window {
    benchRender: (count: number) => Promise<number>;
    benchKey: (key: string) => Promise<number>;
    benchT0: number;
  }
}

export {};
