import net from 'node:net';
import type { Document } from 'bson';
import { runCommand } from './commands';
import { CursorStore } from './cursors';
import type { Engine } from './engine/engine';
import {
  completeMessageLength,
  decodeMessage,
  encodeOpMsg,
  encodeOpReply,
  OP_QUERY,
  ProtocolError,
  type IncomingMessage,
} from './wire/protocol';

/**
 * The TCP side: frames messages, runs each connection's commands one after another (as mongod
 * does), and replies. Connections run concurrently; long reads yield to the event loop.
 */
export class WireServer {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly sockets = new Set<net.Socket>();
  readonly cursors = new CursorStore();
  private nextConnectionId = 1;

  constructor(private readonly engine: Engine) {}

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.cursors.close();
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const connectionId = this.nextConnectionId++;
    // Chunks are only joined once a whole message has arrived: joining on every chunk would copy
    // a large insert batch (up to 48 MB in 64 KiB chunks) quadratically.
    const chunks: Buffer[] = [];
    let buffered = 0;
    let needed = 0;
    let queue: Promise<void> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      if (buffered < needed) return;
      let pending = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, buffered);
      chunks.length = 0;
      try {
        for (let length = completeMessageLength(pending); length > 0; length = completeMessageLength(pending)) {
          const message = decodeMessage(pending.subarray(0, length));
          pending = pending.subarray(length);
          queue = queue
            .then(() => this.handle(socket, message, connectionId))
            .catch(() => {
              // Nothing sensible can be sent any more on this connection.
              socket.destroy();
            });
        }
      } catch (error) {
        // A framing error leaves the stream unusable: mongod closes the connection too.
        socket.destroy(error instanceof ProtocolError ? undefined : (error as Error));
        return;
      }
      buffered = pending.length;
      needed = pending.length >= 4 ? pending.readInt32LE(0) : 4;
      if (buffered > 0) chunks.push(pending);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(socket: net.Socket, message: IncomingMessage, connectionId: number): Promise<void> {
    const reply: Document = await runCommand(message.command, { engine: this.engine, cursors: this.cursors, connectionId });
    if (message.moreToCome || socket.destroyed) return;
    const encode = message.opCode === OP_QUERY ? encodeOpReply : encodeOpMsg;
    let bytes: Buffer;
    try {
      bytes = encode(message.requestId, reply);
    } catch (error) {
      // E.g. a reply document over the BSON size limit: report it instead of dropping the connection.
      bytes = encode(message.requestId, {
        ok: 0,
        errmsg: `could not encode the reply: ${(error as Error).message}`,
        code: 10334,
        codeName: 'BSONObjectTooLarge',
      });
    }
    socket.write(bytes);
  }
}
