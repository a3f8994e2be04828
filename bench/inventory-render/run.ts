/**
 * Inventory render bench: builds the inventory screen over 10,000 synthetic agents, opens it in
 * Chromium and prints (1) the time from the data arriving to the table painted, (2) the time from a
 * keystroke in the search box to the filtered table painted. Budgets: 500 ms and 50 ms.
 *
 *   npx tsx bench/inventory-render/run.ts [count]
 */
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from '@playwright/test';
import { build } from 'vite';

const ROOT = resolve(__dirname);
const OUT = resolve(__dirname, '../../.tmp/inventory-render');
const COUNT = Number(process.argv[2] ?? 10_000);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  await build({ root: ROOT, logLevel: 'warn', plugins: [react()], configFile: false, build: { outDir: OUT, emptyOutDir: true, modulePreload: { polyfill: false } } });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const file = join(OUT, path === '/' ? 'index.html' : path);
    response.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file)
      .on('error', () => response.writeHead(404).end())
      .pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const renders: number[] = [];
  const keystrokes: number[] = [];
  try {
    for (let run = 0; run < 3; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction("typeof window.benchRender === 'function'");
      // Data arrives → rows painted: wait for the count and the first row, then for the next frame (paint).
      const renderMs = Number(await page.evaluate(`window.benchRender(${COUNT})`));
      renders.push(renderMs);
      const rendered = await page.locator('.vtable__body [role="row"]').count();
      if (run === 0) console.log(`rows in the DOM for ${COUNT} agents: ${rendered} (windowed)`);

      // Keystrokes: from keydown to the filtered table painted.
      const search = page.getByTestId('inventory-search');
      await search.focus();
      for (const key of ['b', 'i', 'l', 'l', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'e', 't', 'l']) {
        const ms = Number(await page.evaluate(`window.benchKey(${JSON.stringify(key)})`));
        keystrokes.push(ms);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const worstKey = Math.max(...keystrokes);
  console.log(`inventory render, ${COUNT} agents: median ${median(renders).toFixed(1)} ms, runs ${renders.map((ms) => ms.toFixed(1)).join(' / ')} ms (budget 500 ms)`);
  console.log(`keystrokes (ms): ${keystrokes.map((ms) => ms.toFixed(0)).join(" ")}`);
  console.log(`keystroke filter over ${COUNT} agents: median ${median(keystrokes).toFixed(1)} ms, worst ${worstKey.toFixed(1)} ms over ${keystrokes.length} keystrokes (budget 50 ms)`);
  if (median(renders) > 500 || median(keystrokes) > 50) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
