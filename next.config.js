// @ts-check
/**
 * Convas is a static site: `next build` writes out/, which scripts/serve.mjs serves (npm start) with the
 * cross-origin isolation headers the wasm/webgpu engine wants. In `next dev` the same headers come from
 * headers() below (Next ignores headers() for static exports, so it is only set in development).
 */
const isolationHeaders = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  reactStrictMode: true,
  images: { unoptimized: true },
  ...(process.env.NODE_ENV === 'development'
    ? { headers: async () => [{ source: '/:path*', headers: isolationHeaders }] }
    : {}),
};

export default nextConfig;
