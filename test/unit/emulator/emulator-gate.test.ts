import { Gate } from '../../../src/emulator/emulator-gate';

it('holds matching requests until released, then waits for them to finish', async () => {
  const gate = new Gate(['PUT']);
  const order: string[] = [];
  expect(gate.matches('PUT')).toBe(true);
  expect(gate.matches('GET')).toBe(false);

  const first = gate.hold(() => {
    order.push('first');
    return Promise.resolve();
  });
  const second = gate.hold(() => {
    order.push('second');
    return Promise.resolve();
  });
  await gate.arrived(2);
  expect(order).toEqual([]);

  await gate.release();
  expect(order).toEqual(['first', 'second']);
  await Promise.all([first, second]);
  expect(gate.matches('PUT')).toBe(false);
});

it('resolves arrived() at once for requests already waiting', async () => {
  const gate = new Gate();
  void gate.hold(() => Promise.resolve());
  await expect(gate.arrived(1)).resolves.toBeUndefined();
  await gate.release();
});
