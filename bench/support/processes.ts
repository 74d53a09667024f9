/**
 * The processes of `omnidex bench gateway`: the subgraphs (with the embedded database, seeded),
 * Omnidex's gateway and Apollo Gateway, each a child process running bench/support/process-main.ts.
 * A child answers its URL over IPC once it listens, counts MongoDB commands when asked, and exits
 * (writing its CPU profile when started with --cpu-prof) when the parent disconnects.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export type Role = 'subgraphs' | 'omnidex' | 'apollo';

export interface ReadyMessage {
  ready: true;
  /** The gateway's /graphql URL, or each subgraph's by name. */
  url?: string;
  subgraphUrls?: Record<string, string>;
}

export interface ChildOptions {
  role: Role;
  env: Record<string, string>;
  /** Node options such as `--cpu-prof --cpu-prof-dir DIR`. */
  execArgv?: string[];
}

/** One child process of the bench; `stop()` lets it exit cleanly. */
export class BenchProcess {
  private constructor(
    readonly role: Role,
    private readonly child: ChildProcess,
    readonly ready: ReadyMessage,
  ) {}

  static async start(options: ChildOptions): Promise<BenchProcess> {
    const child = fork(path.join(__dirname, 'process-main.ts'), [options.role], {
      execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`the ${options.role} process exited with ${code} before it was ready`);
      }),
    ])) as [ReadyMessage];
    return new BenchProcess(options.role, child, message);
  }

  /** Asks the child something (`commands`, `cpu`) and waits for its answer. */
  async ask<T>(question: string): Promise<T> {
    const answer = once(this.child, 'message');
    this.child.send(question);
    return (await answer)[0] as T;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.disconnect();
    await exited;
  }
}
