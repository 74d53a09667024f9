import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w console` serves the console with hot reload and sends the API calls to a gateway
// started by `npm start` (or OMNIDEX_GATEWAY); `npm run build -w console` writes dist/, which the
// gateway serves at /.
const gateway = process.env.OMNIDEX_GATEWAY ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/graphql': gateway, '/auth': gateway } },
});
