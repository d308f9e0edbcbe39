// The fleet's settings as the policy resolves them (src/policy/fleet-settings.ts).
export type {FleetConfig} from '../policy/fleet-settings.js';
