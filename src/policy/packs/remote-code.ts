import type {BuiltinRule} from '../types.js';

export const remoteCode: BuiltinRule[] = [];
