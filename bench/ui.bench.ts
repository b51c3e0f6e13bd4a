// Issue 6's figures: with N demo accounts (default 5,000) in browser mode, the time from page
// load to the accounts table showing its first page, and from a filter change to the updated
// table, and from "Whole team" on Today to its groups counted, in Debian's Chromium driven by
// playwright-core. Medians of several runs.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { Backend } from '../main/backend';
import { loadDemo } from '../main/demo/load';
import { rendererDir } from '../main/http/paths';
import { startWebServer } from '../main/http/server';
import buildRenderer from '../tests/e2e/globalSetup';
import { timing, type BenchResult, type BenchSuite } from './harness';
import { clockFromEnv } from '../shared/time/clock';

const RUNS = 7;
const TIERS = ['strategic', 'ordinary', 'micro'] as const;
const TIER_LABEL = { strategic: 'Strategic', ordinary: 'Ordinary', micro: 'Micro' };

const suite: BenchSuite = async ({ accounts, workDir, log }) => {
  if (!fs.existsSync('/usr/bin/chromium')) {
    log('ui: /usr/bin/chromium not installed, skipping');
    return [];
  }
  const staticDir = rendererDir() ?? (buildRenderer(), rendererDir());
  const clock = clockFromEnv(process.env);
  // BENCH_DEMO_DIR: a data folder already holding the demo data (loaded by an earlier run on
  // the same day), so a rerun skips the load; by default a fresh one is filled.
  const reuse = process.env.BENCH_DEMO_DIR;
  const backend = await Backend.open({
    dataDir: reuse ?? path.join(workDir, 'store'),
    user: 'bench',
    clock,
  });
  const server = await startWebServer({ dispatcher: backend, staticDir });
  const profile = path.join(workDir, 'chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'en-US',
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const started = performance.now();
    if (!reuse)
      await loadDemo(
        backend.ctx.store,
        accounts,
        { seed: 1, today: clock.today(), user: 'bench' },
        (done, total) => {
          if (done % 1000 === 0 || done === total) log(`demo ${done}/${total} accounts`);
        },
      );
    log(
      reuse
        ? `reusing ${reuse}: ${backend.ctx.queries.docCount()} documents`
        : `loaded ${accounts} accounts in ${Math.round(performance.now() - started)} ms`,
    );

    // The first visit swaps the URL token for the session cookie.
    const first = await context.newPage();
    await first.goto(server.openUrl);
    await first.close();

    const loads: number[] = [];
    const filters: number[] = [];
    const inPageFilters: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const page = await context.newPage();
      await page.goto(`${server.url}/#/accounts`);
      await page.locator('[data-testid="accounts-table"] .ant-table-row').first().waitFor();
      // Milliseconds since this document's navigation started, read in the page.
      const loaded = await page.evaluate(() => performance.now());

      const tier = TIERS[run % TIERS.length];
      await page.getByTestId('filter-tier').click();
      const option = page.locator('.ant-select-item-option', { hasText: TIER_LABEL[tier] });
      await option.waitFor();
      // The click as the page sees it, so the in-page figure leaves out playwright's own waits.
      await page.evaluate(() =>
        document.addEventListener(
          'click',
          () => ((window as unknown as { clickedAt: number }).clickedAt = performance.now()),
          { capture: true, once: true },
        ),
      );
      const t0 = performance.now();
      await option.click();
      const shownAt = await page.waitForFunction(
        (label) => {
          const rows = [
            ...document.querySelectorAll('[data-testid="accounts-table"] .ant-table-row'),
          ];
          const spinning = document.querySelector(
            '[data-testid="accounts-table"] .ant-spin-spinning',
          );
          const done =
            !spinning && rows.length > 0 && rows.every((r) => r.children[1]?.textContent === label);
          return done && performance.now();
        },
        TIER_LABEL[tier],
        { polling: 'raf' },
      );
      const filtered = performance.now() - t0;
      const clickedAt = await page.evaluate(
        () => (window as unknown as { clickedAt: number }).clickedAt,
      );
      const inPage = ((await shownAt.jsonValue()) as number) - clickedAt;
      await page.close();
      if (run === 0) continue; // the first run warms the server's caches
      loads.push(loaded);
      filters.push(filtered);
      inPageFilters.push(inPage);
      log(
        `run ${run}: first page ${Math.round(loaded)} ms, filter ${tier} ${Math.round(filtered)} ms` +
          ` (in page ${Math.round(inPage)} ms)`,
      );
    }
    // Today for the whole team: from the click on "Whole team" to the four open groups showing
    // the team's counts ("5 of 1,234"), on the page's clock.
    const groups = [
      ['visits', 'today-visits'],
      ['tasks', 'today-actions'],
      ['renewals', 'today-renewals'],
      ['alerts', 'today-alerts'],
    ] as const;
    const expected: string[] = [];
    for (const [group] of groups) {
      const p = await backend.call('today.group', { group, scope: 'all', limit: 5 });
      expected.push(`${Math.min(5, p.total)} of ${p.total}`);
    }
    const todayTeam: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const page = await context.newPage();
      await page.goto(`${server.url}/#/today`);
      await page.getByTestId('today-actions-count').waitFor();
      await page.evaluate(() =>
        document.addEventListener(
          'click',
          () => ((window as unknown as { clickedAt: number }).clickedAt = performance.now()),
          { capture: true, once: true },
        ),
      );
      await page.getByTestId('today-scope').getByText('Whole team').click();
      const shownAt = await page.waitForFunction(
        ({ ids, texts }) => {
          const done = ids.every(
            (id, i) =>
              document.querySelector(`[data-testid="${id}-count"]`)?.textContent === texts[i],
          );
          return done && performance.now();
        },
        { ids: groups.map(([, id]) => id), texts: expected },
        { polling: 'raf' },
      );
      const clickedAt = await page.evaluate(
        () => (window as unknown as { clickedAt: number }).clickedAt,
      );
      const inPage = ((await shownAt.jsonValue()) as number) - clickedAt;
      await page.close();
      if (run === 0) continue;
      todayTeam.push(inPage);
      log(`run ${run}: Today, whole team ${Math.round(inPage)} ms`);
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const results: BenchResult[] = [
      timing('ui.accounts.firstPage', sorted(loads), {
        aim: '< 1500 ms',
        note: `navigation start to the first rows of ${accounts} accounts (first page), in-page clock`,
      }),
      timing('ui.accounts.filter', sorted(filters), {
        aim: '< 300 ms',
        note: 'tier filter click to the updated table, including playwright round trips',
      }),
      timing('ui.accounts.filterInPage', sorted(inPageFilters), {
        aim: '< 300 ms',
        note: "the same, from the page's click event to the updated table (in-page clock)",
      }),
      timing('ui.today.team', sorted(todayTeam), {
        aim: '< 500 ms',
        note: `"Whole team" click to the four open groups counted (${expected.join(', ')}), in-page clock`,
      }),
    ];
    return results;
  } finally {
    await context.close();
    await server.close();
    await backend.close();
  }
};

export default suite;
