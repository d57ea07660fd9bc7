import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import { resolve } from 'node:path';

// Chosen once in the main process; workers inherit them through the environment.
const root = resolve(__dirname, '..');
const freePort = () => execSync(
  `python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'`,
).toString().trim();
process.env.CONFER_E2E_PORT ??= freePort();
process.env.CONFER_E2E_PORT2 ??= freePort();
if (!process.env.CONFER_E2E_DATA) {
  process.env.CONFER_E2E_DATA = mkdtempSync('/tmp/confer-e2e-');
  chmodSync(process.env.CONFER_E2E_DATA, 0o755);
}
const baseURL = `http://127.0.0.1:${process.env.CONFER_E2E_PORT}`;
const secondURL = `http://127.0.0.1:${process.env.CONFER_E2E_PORT2}`;
const serverEnv = {
  CONFER_EMAIL_DELAY_SECS: '0',
  LEPTOS_SITE_ROOT: `${root}/target/site`,
  RUST_LOG: process.env.RUST_LOG ?? 'warn',
};

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL, trace: 'retain-on-failure' },
  projects: [
    { name: 'chromium', testIgnore: /.*\.nojs\.spec\.ts/, use: { ...chromium } },
    { name: 'no-js', testMatch: /.*\.nojs\.spec\.ts/, use: { ...chromium, javaScriptEnabled: false } },
  ],
  // Two instances on one database: the first runs the embedded cluster, the second joins it
  // over its Unix socket once the first is up. Events cross between them through PostgreSQL.
  webServer: [
    {
      command: `${root}/target/release/confer`,
      url: `${baseURL}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      env: {
        ...serverEnv,
        CONFER_ADDR: `127.0.0.1:${process.env.CONFER_E2E_PORT}`,
        CONFER_DATA_DIR: process.env.CONFER_E2E_DATA,
        DATABASE_URL: '',
      },
    },
    {
      command: `bash -c 'until curl -sf ${baseURL}/healthz >/dev/null; do sleep 0.3; done; exec ${root}/target/release/confer'`,
      url: `${secondURL}/healthz`,
      timeout: 150_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      env: {
        ...serverEnv,
        CONFER_ADDR: `127.0.0.1:${process.env.CONFER_E2E_PORT2}`,
        // The same files, as instances behind one address share one object store.
        CONFER_DATA_DIR: process.env.CONFER_E2E_DATA,
        DATABASE_URL: `postgres://confer@localhost/confer?host=${process.env.CONFER_E2E_DATA}/postgres`,
      },
    },
  ],
});
