import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {loadPolicy} from '../policy-files/index.js';
import {fleetSettings} from '../policy/fleet-settings.js';
import type {FleetConfig} from './config.js';

/** The fleet the system and user policies (or GUARD_FLEET_URL) configure here, or null. */
export async function configuredFleet({cwd, env, policyFlag}: {cwd: string; env: NodeJS.ProcessEnv; policyFlag?: string}): Promise<FleetConfig | null> {
  const {settings} = await loadPolicy({cwd, env, policyFlag});
  return fleetSettings(settings, env);
}

/** As configuredFleet, for a command that needs one: none is a policy error (78). */
export async function requiredFleet(what: string, context: {cwd: string; env: NodeJS.ProcessEnv; policyFlag?: string}): Promise<FleetConfig> {
  const fleet = await configuredFleet(context);
  if (!fleet) throw new GuardError(`${what}: no fleet is configured (fleet.url in the system or user policy, or GUARD_FLEET_URL)`, exitStatus.policyInvalid);
  return fleet;
}
