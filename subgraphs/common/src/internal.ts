import type { Db } from 'mongodb';
import { hasRole, SERVICE_ROLE, type Caller } from '../../../src/auth/caller';
import {
  INTERNAL_OPERATIONS,
  type InternalInput,
  type InternalOperationName,
  type InternalOutput,
} from '../../../src/contract/internal-operations';
import type { SubgraphRuntime } from './runtime';

/** What an internal operation runs with: the subgraph's own database and the calling service. */
export interface InternalContext {
  db: Db;
  caller: Caller;
  runtime: SubgraphRuntime;
}

/** The internal operations a subgraph answers (src/contract/internal-operations.ts). */
export type InternalHandlers = {
  [N in InternalOperationName]?: (input: InternalInput<N>, context: InternalContext) => Promise<InternalOutput<N>>;
};

/** The outcome of one internal request, as HTTP status and JSON body. */
export type InternalAnswer = { status: number; body: unknown };

function refusal(status: number, code: string, message: string): InternalAnswer {
  return { status, body: { errors: [{ message, extensions: { code } }] } };
}

function isOperation(name: string): name is InternalOperationName {
  return Object.hasOwn(INTERNAL_OPERATIONS, name);
}

/**
 * Runs `POST /internal/<name>` for a verified caller: only a service (SERVICE_ROLE, which only an
 * internal token carries) may call, the body must match the operation's input schema, and the
 * answer is checked against its output schema before it leaves.
 */
export async function runInternalOperation(
  name: string,
  body: unknown,
  caller: Caller,
  handlers: InternalHandlers,
  context: InternalContext,
): Promise<InternalAnswer> {
  if (!hasRole(caller, SERVICE_ROLE)) return refusal(403, 'FORBIDDEN', 'Internal operations answer Omnidex services only');
  const handler = isOperation(name) ? handlers[name] : undefined;
  if (!isOperation(name) || !handler) return refusal(404, 'NOT_FOUND', `This service has no internal operation ${JSON.stringify(name)}`);
  const { input: inputSchema, output: outputSchema } = INTERNAL_OPERATIONS[name];
  const input = inputSchema.safeParse(body);
  if (!input.success) {
    const issue = input.error.issues[0];
    return refusal(400, 'BAD_REQUEST', `Invalid input for ${name}: ${issue?.path.join('.') || '(body)'} ${issue?.message ?? ''}`.trim());
  }
  // The handler's types follow from `name`; TypeScript cannot narrow a mapped lookup by it.
  const output = await (handler as (input: unknown, context: InternalContext) => Promise<unknown>)(input.data, context);
  return { status: 200, body: outputSchema.parse(output) };
}
