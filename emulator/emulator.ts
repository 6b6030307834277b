// The emulator: the emulated service (emulatedService.ts) served over HTTP on 127.0.0.1.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatedService, type EmulatorOptions } from './emulatedService';
import type { Scenario } from './scenario';
import { createEmulatorServer } from './server';

export class Emulator extends EmulatedService {
  private readonly server: Server;
  private stopped = false;

  constructor(scenario: Scenario, options: EmulatorOptions = {}) {
    super(scenario, options);
    this.server = createEmulatorServer(this);
  }

  /** @internal */
  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.dispose();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Requests held open by a 'timeout' fault and idle keep-alive sockets end now.
    this.server.closeAllConnections();
    await closed;
  }
}
