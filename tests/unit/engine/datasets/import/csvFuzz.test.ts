/**
 * Fuzzing the CSV readers (issue 13): the RFC 4180 parser on arbitrary text, and the two CSV-driven
 * importers (HAM10000's metadata, the hmnist pixel CSVs) on mutated real samples (the first rows of the
 * real files when ../shared/realdata is present) and generated ones. 1,000 cases each; every case ends in a
 * report or an Error with a reason.
 */
import fc from 'fast-check';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../../../../engine/datasets/import/csv';
import { inspectSource } from '../../../../../engine/datasets/import/inspect';
import { fileListSource } from '../../../../../engine/datasets/import/source';
import { FUZZ_RUNS, FUZZ_SEED, fuzz, mutatedFrom } from '../../../fuzz/mutate';
import { HAS_REAL_DATA, realBytes, SKIP_REASON } from './realdata';

const enc = (s: string) => new TextEncoder().encode(s);
const firstLines = (bytes: Uint8Array, n: number) => enc(new TextDecoder().decode(bytes).split('\n').slice(0, n).join('\n'));

describe('fuzz: CSV', () => {
  it('parseCsv and parseCsvRecords: 1,000 texts made of CSV syntax', () => {
    const piece = fc.oneof(fc.constantFrom(',', '"', '""', '\r\n', '\n', '\r', '\ufeff', 'a', 'lesion_id', ' '), fc.string({ maxLength: 5 }));
    const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
    const t0 = performance.now();
    fc.assert(
      fc.property(text, (t) => {
        const { rows, problems } = parseCsv(t);
        expect(Array.isArray(problems)).toBe(true);
        for (const row of rows) expect(row.length).toBeGreaterThan(0);
        const records = parseCsvRecords(t);
        for (const r of records.records) expect(Object.getPrototypeOf(r.values)).toBe(null);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED + 21 },
    );
    console.info(`fuzz CSV parser: ${FUZZ_RUNS} cases in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  });

  it('HAM10000 metadata: 1,000 mutated metadata files', async () => {
    const image = new Uint8Array(encodeJpeg({ width: 8, height: 8, data: Buffer.alloc(256, 128) }, 80).data);
    const generated = enc('lesion_id,image_id,dx,dx_type,age,sex,localization\nHAM_1,ISIC_1,nv,histo,50.0,male,hand\nHAM_1,ISIC_2,mel,histo,,female,back\n');
    const bases: { name: string; bytes: Uint8Array }[] = [{ name: 'generated metadata', bytes: generated }];
    if (HAS_REAL_DATA) bases.push({ name: 'real metadata', bytes: await realBytes('ham10000/HAM10000_metadata.csv') });
    else console.warn(`${SKIP_REASON}; fuzzing generated CSVs only`);
    const r = await fuzz('HAM10000 metadata', mutatedFrom(bases), async ({ bytes }) => {
      const files = [{ path: 'HAM10000_metadata.csv', read: async () => bytes }, { path: 'HAM10000_images_part_1/ISIC_1.jpg', read: async () => image }];
      const report = await inspectSource(fileListSource(files), { format: 'ham10000' });
      expect(report.images + report.skipped.length + report.missing).toBeGreaterThanOrEqual(0);
    }, { seed: 22 });
    expect(r.ok).toBeGreaterThan(0);
  });

  it('hmnist pixel CSVs: 1,000 mutated files', async () => {
    const header = `${Array.from({ length: 64 }, (_, i) => `pixel${String(i).padStart(4, '0')}`).join(',')},label`;
    const row = (k: number) => `${Array.from({ length: 64 }, (_, i) => (i * 7 + k) % 256).join(',')},${k % 7}`;
    const bases: { name: string; bytes: Uint8Array }[] = [{ name: 'generated hmnist_8_8_L', bytes: enc(`${header}\r\n${[0, 1, 2, 3, 4].map(row).join('\r\n')}\r\n`) }];
    if (HAS_REAL_DATA) bases.push({ name: 'real hmnist_8_8_L (first 40 rows)', bytes: firstLines(await realBytes('ham10000/hmnist_8_8_L.csv'), 41) });
    else console.warn(`${SKIP_REASON}; fuzzing generated CSVs only`);
    const r = await fuzz('hmnist CSV', mutatedFrom(bases), async ({ bytes }) => {
      const report = await inspectSource(fileListSource([{ path: 'hmnist_8_8_L.csv', read: async () => bytes }]), { format: 'hmnist-csv' });
      for (const size of report.sizes) expect(size.width * size.height).toBe(64);
    }, { seed: 23 });
    expect(r.ok).toBeGreaterThan(0);
  });
});
