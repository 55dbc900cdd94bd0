#!/usr/bin/env node
/** Fails early, with what to install, when no Chromium is found for the browser tests. */
import { chromiumPath } from './chromiumPath.mjs';

const found = chromiumPath();
if (!found) {
  console.error(
    'No Chromium found for the browser tests. Install it (Debian/Ubuntu: "sudo apt-get install chromium")\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
  process.exit(1);
}
console.log(`Browser tests use ${found}`);
