import type {BuiltinRule} from '../types.js';

export const git: BuiltinRule[] = [];
