// Messages between the session details panel (host) and its page script. Shared by both sides.
export type HostToPage = { type: 'placeholder' };
export type PageToHost = { type: 'ready' };
