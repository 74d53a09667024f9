/**
 * An embedded server in a process of its own, driven by the benchmark over IPC, so that the
 * benchmark's driver and documents neither count in the server's memory nor compete for its event
 * loop. Messages: `{ open: dataDir }` → `{ port }`, `{ rss: true }` → `{ rss }` (bytes),
 * `{ close: true }` → `{ closed: true }`.
 */
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src';

let server: EmbeddedMongo | undefined;

process.on('message', (message: { open?: string; rss?: boolean; close?: boolean }) => {
  void (async () => {
    if (message.open !== undefined) {
      server = await startEmbeddedMongo({ dataDir: message.open });
      process.send?.({ port: server.port });
    } else if (message.rss) {
      process.send?.({ rss: process.memoryUsage().rss });
    } else if (message.close) {
      await server?.close();
      server = undefined;
      process.send?.({ closed: true });
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
process.send?.({ ready: true });
