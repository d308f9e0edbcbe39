import type {BuiltinRule} from '../types.js';

export const system: BuiltinRule[] = [];
