/**
 * Once per test run: bundle the server from the current source, so every test that starts Baton as a
 * process (tests/helpers/server.ts) runs what `npm start` runs, built from the code under test.
 */
import { bundleServer } from '../server/scripts/bundle.ts';

export default async function setup(): Promise<void> {
  await bundleServer();
}
