import type {BuiltinRule} from '../types.js';

export const clusters: BuiltinRule[] = [];
