import type { EmulatorFaults, FaultController } from './emulator-faults';
import { errorAnswer, json, type Answer } from './emulator-http';
import type { EmulatorStore } from './emulator-store';

interface AdminState {
  store: EmulatorStore;
  faults: FaultController;
  requests: { method: string; path: string; headers: Record<string, string> }[];
  reset(): void;
}

/**
 * The admin API, mounted only with `admin: true` (`EMULATOR_ADMIN=true` from the shell):
 * GET|PUT|DELETE /__emulator/faults, GET|DELETE /__emulator/requests, POST /__emulator/reset.
 */
export function handleAdmin(method: string, path: string, body: string, state: AdminState): Answer {
  const route = `${method} ${path.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /__emulator/faults':
      return json(200, state.faults.snapshot());
    case 'PUT /__emulator/faults':
      try {
        state.faults.set(JSON.parse(body || '{}') as EmulatorFaults);
        return json(200, state.faults.snapshot());
      } catch (error) {
        return errorAnswer(400, 'ADMIN', error instanceof Error ? error.message : 'invalid faults');
      }
    case 'DELETE /__emulator/faults':
      state.faults.clear();
      return json(200, state.faults.snapshot());
    case 'GET /__emulator/requests':
      // Tokens never leave the emulator through the admin API.
      return json(
        200,
        state.requests.map((r) => ({
          ...r,
          headers: {
            ...r.headers,
            ...(r.headers.authorization ? { authorization: 'Bearer [redacted]' } : {}),
          },
        })),
      );
    case 'DELETE /__emulator/requests':
      state.requests.length = 0;
      return json(200, []);
    case 'POST /__emulator/reset':
      state.reset();
      return json(200, { customers: state.store.customerIds() });
    default:
      return errorAnswer(404, '1000', `No admin route ${route}.`);
  }
}
