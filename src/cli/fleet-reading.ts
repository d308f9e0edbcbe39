// What the reading commands share under --fleet: the configured fleet (none is 78), one
// session to its PostgreSQL with the schema checked (unreachable, missing or of another
// version is 69), and the session ended whatever happens. The fleet's code is loaded here
// alone, on demand: a command without --fleet never loads the client.
import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import type {FleetConfig} from '../fleet/config.js';
import type {FleetSession} from '../fleet/session.js';

/** The statuses every --fleet reading command may end with, for its help. */
export const fleetReadingStatuses = `With --fleet: ${exitStatus.policyInvalid} when no fleet is configured, ${exitStatus.fleetUnavailable} when its PostgreSQL cannot be reached or its central schema is missing or of another version.`;

/** PostgreSQL said no for want of a privilege (SQLSTATE 42501). */
export const isPermissionDenied = (error: unknown) => (error as {code?: string}).code === '42501';

/** Runs `work` on a session to the configured fleet, as `what` (`guard history --fleet`) says in its errors. */
export async function readFleet<T>(what: string, work: (session: FleetSession, fleet: FleetConfig) => Promise<T>): Promise<T> {
  const {requiredFleet} = await import('../fleet/configured.js');
  const fleet = await requiredFleet(what, {cwd: process.cwd(), env: process.env});
  const {openFleetSession} = await import('../fleet/lock.js');
  const {describe, FleetUnreachable} = await import('../fleet/session.js');
  let session: FleetSession;
  try {
    session = await openFleetSession(fleet, what);
  } catch (error) {
    if (error instanceof FleetUnreachable) throw new GuardError(`${what}: ${error.message}`, exitStatus.fleetUnavailable);
    throw error;
  }

  try {
    return await work(session, fleet);
  } catch (error) {
    if (error instanceof GuardError) throw error;
    if (error instanceof FleetUnreachable) throw new GuardError(`${what}: ${error.message}`, exitStatus.fleetUnavailable);
    if (isPermissionDenied(error)) throw new GuardError(`${what}: PostgreSQL role '${session.target.user}' may not read the central history: ${describe(error)} (grant it guard_reader)`, exitStatus.notPermitted);
    // Anything else the server refused: the fleet cannot answer, as when its schema is wrong.
    throw new GuardError(`${what}: PostgreSQL refused the query: ${describe(error)}`, exitStatus.fleetUnavailable);
  } finally {
    await session.end();
  }
}
