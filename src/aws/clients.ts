// One WorkSpacesClient per (profile, region, endpoint), created on first use. A client owns an
// HTTP agent with keep-alive sockets, so reusing it keeps connections warm between pages.
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { CredentialsProvider } from './credentials';
import { ProfileInfo } from './profiles';

export interface ClientSettings {
  /** Per attempt: the SDK aborts a request that has not completed in this time (TimeoutError). */
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  /** Attempts per call, first included, with the SDK's standard retry strategy. */
  maxAttempts: number;
}

interface Entry {
  client: WorkSpacesClient;
  profile: string;
  inFlight: number;
  retired: boolean;
}

export class ClientPool {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly settings: ClientSettings) {}

  get size(): number {
    return this.entries.size;
  }

  /** Runs `use` with the client for this profile, region and endpoint, creating it if needed. */
  async use<T>(
    profile: ProfileInfo,
    region: string,
    credentials: () => CredentialsProvider,
    use: (client: WorkSpacesClient) => Promise<T>,
  ): Promise<T> {
    const entry = this.entry(profile, region, credentials);
    entry.inFlight++;
    try {
      return await use(entry.client);
    } finally {
      entry.inFlight--;
      if (entry.retired && entry.inFlight === 0) entry.client.destroy();
    }
  }

  /** The client itself, for tests that check reuse. */
  clientFor(profile: ProfileInfo, region: string, credentials: () => CredentialsProvider): WorkSpacesClient {
    return this.entry(profile, region, credentials).client;
  }

  /** Drop one profile's clients (its credentials were rejected, or its settings changed). */
  dropProfile(profile: string): void {
    for (const [key, entry] of this.entries) if (entry.profile === profile) this.retire(key, entry);
  }

  clear(): void {
    for (const [key, entry] of this.entries) this.retire(key, entry);
  }

  private retire(key: string, entry: Entry): void {
    this.entries.delete(key);
    entry.retired = true;
    // Requests in flight finish on their own client; it is closed when the last one ends.
    if (entry.inFlight === 0) entry.client.destroy();
  }

  private entry(profile: ProfileInfo, region: string, credentials: () => CredentialsProvider): Entry {
    const key = JSON.stringify([profile.name, region, profile.endpoint?.url ?? '']);
    let entry = this.entries.get(key);
    if (!entry) {
      const { requestTimeoutMs, connectionTimeoutMs, maxAttempts } = this.settings;
      const client = new WorkSpacesClient({
        region,
        // So that the profile's other settings (use_fips_endpoint, use_dualstack_endpoint, ...) apply.
        profile: profile.name,
        credentials: credentials(),
        endpoint: profile.endpoint?.url,
        // The endpoint was resolved for this profile in endpoints.ts. The SDK's own lookup would use
        // AWS_PROFILE/default's endpoint_url instead, so it must never run.
        ignoreConfiguredEndpointUrls: true,
        maxAttempts,
        retryMode: 'standard',
        requestHandler: {
          requestTimeout: requestTimeoutMs,
          // Without this the handler only logs a warning when requestTimeout passes and keeps waiting.
          throwOnRequestTimeout: true,
          connectionTimeout: connectionTimeoutMs,
        },
      });
      entry = { client, profile: profile.name, inFlight: 0, retired: false };
      this.entries.set(key, entry);
    }
    return entry;
  }
}
