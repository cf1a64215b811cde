// A gateway method as the client offers it: the same params and result, without its role policy
// (the gateway checks that). For sections the main side passes on unchanged.
import type { MethodTable } from '../../rpc/protocol';

export const passThrough = <T extends MethodTable, K extends keyof T & string>(methods: T, name: K): Pick<T[K], 'params' | 'result'> => {
  const { params, result } = methods[name]!;
  return { params, result } as Pick<T[K], 'params' | 'result'>;
};
