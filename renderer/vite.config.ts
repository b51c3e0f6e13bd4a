// The renderer build: Vite 8 transforms TSX itself (oxc), with React's automatic JSX runtime.
// Output goes to dist/renderer, which browser mode serves and Electron loads from file://.
import { defineConfig } from 'vite';

// Paths from this file's URL (no Node built-ins under renderer/).
const dirOf = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

export default defineConfig({
  root: dirOf('.'),
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: dirOf('../dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
    rollupOptions: {
      // antd's "use client" markers mean nothing outside server components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
