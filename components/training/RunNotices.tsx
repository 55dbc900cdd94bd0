'use client';

import { ShortRunNotice } from './ShortRunNotice';
import { SmallDataNotice } from './SmallDataNotice';
import { usePlannedSizes } from './usePlannedSizes';

/** The notices about the next run, above the results: its split is worked out once for both. */
export function RunNotices() {
  const sizes = usePlannedSizes();
  return (
    <>
      <SmallDataNotice sizes={sizes} />
      <ShortRunNotice sizes={sizes} />
    </>
  );
}
