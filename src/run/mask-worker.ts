// The worker thread of maskAside (redaction.ts): masks the texts it is given with the
// built-in patterns and the policy's, and posts them back.
import {parentPort, workerData} from 'node:worker_threads';
import {createRedactor} from '../redact/redactor.js';

const {patterns, texts} = workerData as {patterns: string[]; texts: string[]};
const redactor = createRedactor(patterns);
parentPort!.postMessage(texts.map((text) => redactor.text(text)));
