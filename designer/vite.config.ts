import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { ajvStandalone } from './ajv-standalone.plugin';

const designer = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

/**
 * The designer: root `designer/`, built into `designer/dist` (served by the API at `/`). It imports the pure
 * engine core (`../engine/core/**`) directly; the ajv plugin replaces run-time schema compilation by standalone
 * code so the bundle runs under the API's Content-Security-Policy.
 */
export default defineConfig({
  root: designer,
  base: '/',
  publicDir: false,
  plugins: [ajvStandalone(), react()],
  build: {
    outDir: `${designer}dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-')) return 'antd';
          if (id.includes('node_modules/@xyflow')) return 'canvas';
          if (id.includes('allot-flow-ajv')) return 'validators';
          return undefined;
        },
      },
    },
  },
  server: {
    fs: { allow: [repo] },
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
