// Small, fast, seedable PRNG (sfc32) so that the demo scenario is the same for the same seed.
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    const t = (this.a + this.b | 0) + this.d | 0;
    this.d = this.d + 1 | 0;
    this.a = this.b ^ this.b >>> 9;
    this.b = this.c + (this.c << 3) | 0;
    this.c = this.c << 21 | this.c >>> 11;
    this.c = this.c + t | 0;
    return t >>> 0;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** `length` characters of `alphabet` (at most 64 long): several characters per draw, for speed. */
  string(alphabet: string, length: number): string {
    let s = '';
    while (s.length < length) {
      let bits = this.u32();
      for (let k = 0; k < 5 && s.length < length; k++) {
        s += alphabet[(bits & 63) % alphabet.length];
        bits >>>= 6;
      }
    }
    return s;
  }

  hex(length: number): string {
    let s = '';
    while (s.length < length) {
      const b = this.u32();
      s += HEX_BYTES[b & 255] + HEX_BYTES[(b >>> 8) & 255] + HEX_BYTES[(b >>> 16) & 255] + HEX_BYTES[b >>> 24];
    }
    return s.length === length ? s : s.slice(0, length);
  }

  /** RFC 4122 version-4 shaped UUID, lowercase as the model's AmazonUuid pattern wants. */
  uuid(): string {
    const h = this.hex(32);
    const variant = '89ab'[this.int(4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
