import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { LimitCode, limitError } from './limit-error';

/** The first string in `value` longer than `maxLength`, with its path, walking iteratively. */
export function findLongString(value: unknown, maxLength: number): { path: string; length: number } | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.length > maxLength) return { path: item.path, length: item.value.length };
    } else if (Array.isArray(item.value)) {
      item.value.forEach((element, index) => stack.push({ value: element, path: `${item.path}[${index}]` }));
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, element] of Object.entries(item.value)) stack.push({ value: element, path: `${item.path}.${key}` });
    }
  }
  return undefined;
}

/** Refuses variables holding a string longer than `maxLength`, naming the variable. */
export function useVariableLengthLimit(maxLength: number): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const found = findLongString(args.variableValues ?? {}, maxLength);
      if (!found) return;
      setResultAndStopExecution({
        errors: [
          limitError(
            `Variable $${found.path.slice(1)} is ${found.length} characters long; the maximum is ${maxLength}`,
            LimitCode.STRING_LENGTH,
            maxLength,
          ),
        ],
      });
    },
  };
}
