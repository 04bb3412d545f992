import { defineConfig } from '@playwright/test';

// Debian's Chromium; test tools cannot download browsers here. The server is the release
// build from `scripts/build`, with background tiles switched off.
const port = Number(process.env.E2E_PORT ?? 3011);

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'hydrated', testIgnore: /nojs/ },
    { name: 'javascript-off', testMatch: /nojs/, use: { javaScriptEnabled: false } },
  ],
  webServer: {
    // A new database each run, so every run starts from the demo dataset.
    command: "sh -c 'rm -f target/e2e.sqlite* && exec target/server-release/server'",
    cwd: '..',
    url: `http://127.0.0.1:${port}/api/grenzen/provincie`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_OUTPUT_NAME: 'woningbouwkaart',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_ENV: 'PROD',
      WONINGBOUW_TEGELS: 'uit',
      WONINGBOUW_DATABASE: 'target/e2e.sqlite',
    },
  },
});
