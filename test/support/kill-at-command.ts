/**
 * Preloaded into an `omnidex` process (`node -r tsx/cjs -r test/support/kill-at-command.ts
 * bin/omnidex.js …`) by the crash tests: it sends SIGKILL at an exact point of the process's
 * conversation with MongoDB, so a test can interrupt a command at the same place on every run.
 *
 *   OMNIDEX_TEST_KILL_AT=started:update:events:3   SIGKILL as the 3rd `update` of `events` is sent
 *   OMNIDEX_TEST_KILL_AT=succeeded:update:events:3 ... once the server has acknowledged it
 *   OMNIDEX_TEST_KILL_PID=1234                       kill that process (the database) instead of this one
 *
 * The command named by a `started` point may or may not reach the server: both happen in real crashes.
 */
import { MongoClient, type CommandStartedEvent, type CommandSucceededEvent } from 'mongodb';

const spec = process.env.OMNIDEX_TEST_KILL_AT;

if (spec) {
  const [phase, commandName, collection, nth] = spec.split(':');
  if ((phase !== 'started' && phase !== 'succeeded') || !commandName || !collection || !Number(nth)) {
    throw new Error(`OMNIDEX_TEST_KILL_AT=${spec}: expected started|succeeded:COMMAND:COLLECTION:N`);
  }
  const target = Number(process.env.OMNIDEX_TEST_KILL_PID ?? process.pid);
  const startedTargets = new Map<number, boolean>();
  let seen = 0;
  const watch = (client: MongoClient) => {
    client.on('commandStarted', (event: CommandStartedEvent) => {
      const hit = event.commandName === commandName && event.command[commandName] === collection;
      startedTargets.set(event.requestId, hit);
      if (hit && phase === 'started' && ++seen === Number(nth)) kill();
    });
    client.on('commandSucceeded', (event: CommandSucceededEvent) => {
      if (phase === 'succeeded' && startedTargets.get(event.requestId) && ++seen === Number(nth)) kill();
    });
  };
  const kill = () => {
    process.stdout.write(`killing ${target === process.pid ? 'the importer' : `process ${target}`} at ${spec}\n`);
    process.kill(target, 'SIGKILL');
  };
  const connect = MongoClient.prototype.connect;
  MongoClient.prototype.connect = function (this: MongoClient) {
    watch(this);
    return connect.call(this);
  };
}
