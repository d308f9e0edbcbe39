import type {BuiltinRule} from '../types.js';

export const databases: BuiltinRule[] = [];
