import type {BuiltinRule} from '../types.js';

export const cloud: BuiltinRule[] = [];
