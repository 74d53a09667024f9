import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Runs a plugin's `onExecute` check for subscriptions too: envelop starts a subscription with
 * `onSubscribe`, not `onExecute`, and a limit that only one of them applies would let a
 * subscription through what a query of the same document is refused.
 */
export function alsoOnSubscribe<T extends GatewayPlugin>(plugin: T): T {
  const onExecute = plugin.onExecute;
  if (!onExecute || plugin.onSubscribe) return plugin;
  // Both payloads carry `args` and `setResultAndStopExecution`, all the checks read.
  return { ...plugin, onSubscribe: (payload: unknown) => onExecute(payload as never) } as T;
}
