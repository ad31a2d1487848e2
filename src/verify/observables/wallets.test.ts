import { describe, expect, it } from 'vitest';
import { base58Decode, isBase58Address, isEthereumAddress, isSegwitAddress } from './wallets.js';

/** Changes the character at `at` to another of the same alphabet. */
const typo = (text: string, at: number, alphabet: string) => {
  const old = text[at]!;
  const next = alphabet[(alphabet.indexOf(old) + 1) % alphabet.length]!;
  return text.slice(0, at) + next + text.slice(at + 1);
};
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

describe('Base58Check addresses', () => {
  // The genesis block's address (P2PKH) and the P2SH example of the Bitcoin wiki.
  const VALID = ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'];

  it('accepts P2PKH and P2SH addresses whose checksum holds', () => {
    for (const address of VALID) expect(isBase58Address(address), address).toBe(true);
  });

  it('refuses any single-character typo, wherever it is', () => {
    for (const address of VALID)
      for (let at = 1; at < address.length; at++)
        expect(isBase58Address(typo(address, at, BASE58)), `${address} @${at}`).toBe(false);
  });

  it('refuses characters outside Base58, a wrong length and another version', () => {
    expect(isBase58Address('1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a')).toBe(false); // 0
    expect(isBase58Address('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN')).toBe(false);
    expect(isBase58Address('')).toBe(false);
    // The genesis hash under version 0x6f (testnet): a valid Base58Check string, encoded
    // with Node's BigInt and sha256 apart from this code, but not a mainnet address.
    const testnet = 'mpXwg4jMtRhuSpVq4xS3HFHmCmWp9NyGKt';
    expect(base58Decode(testnet)![0]).toBe(0x6f);
    expect(base58Decode(testnet)).toHaveLength(25);
    expect(isBase58Address(testnet)).toBe(false);
  });

  it('decodes leading 1s as zero bytes', () => {
    expect([...base58Decode('1')!]).toEqual([0]);
    expect([...base58Decode('11')!]).toEqual([0, 0]);
    expect([...base58Decode('2')!]).toEqual([1]);
    expect([...base58Decode('z')!]).toEqual([57]);
    expect([...base58Decode('21')!]).toEqual([58]);
    expect([...base58Decode('5R')!]).toEqual([1, 0]); // 4 · 58 + 24 = 256
    expect(base58Decode('0')).toBeNull();
    const genesis = base58Decode('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')!;
    expect(Buffer.from(genesis.subarray(0, 21)).toString('hex')).toBe(
      '0062e907b15cbf27d5425399ebf6f0fb50ebb88f18',
    );
  });
});

describe('segwit addresses (BIP 350 test vectors, mainnet ones)', () => {
  const VALID = [
    'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
    'BC1SW50QGDZ25J',
    'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs',
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    // BIP 173's mainnet P2WSH example (a 32-byte version 0 program).
    'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3',
  ];
  const INVALID: [string, string][] = [
    ['tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', 'invalid hrp'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'bech32, not bech32m'],
    ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'bech32, not bech32m'],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'bech32m, not bech32'],
    ['bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', 'invalid character'],
    ['BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', 'witness version'],
    ['bc1pw5dgrnzv', 'program of 1 byte'],
    [
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav',
      'program of 41 bytes',
    ],
    ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'version 0 program length'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', 'padding > 4 bits'],
    ['bc1gmk9yu', 'empty data'],
    // Valid, but testnet: tipwire takes mainnet addresses only.
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'testnet'],
  ];

  it('accepts the valid mainnet addresses', () => {
    for (const address of VALID) expect(isSegwitAddress(address), address).toBe(true);
  });

  it('refuses every invalid one, for its reason', () => {
    for (const [address, why] of INVALID) expect(isSegwitAddress(address), why).toBe(false);
  });

  it('refuses mixed case and a single-character typo', () => {
    const address = VALID[4]!;
    expect(isSegwitAddress(address.slice(0, 10) + address.slice(10).toUpperCase())).toBe(false);
    const charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
    for (let at = 3; at < address.length; at++)
      expect(isSegwitAddress(typo(address, at, charset)), `@${at}`).toBe(false);
  });

  it('refuses one longer than 90 characters, and another prefix over the same data', () => {
    expect(isSegwitAddress(`bc1q${'q'.repeat(90)}`)).toBe(false);
    expect(isSegwitAddress(`xx1${VALID[0]!.slice(3).toLowerCase()}`)).toBe(false);
  });

  /** BIP 173's checksum, written again here from the BIP's reference code, to make test strings. */
  function encodeBc(data: number[], constant: number): string {
    const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
    const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    const values = [3, 3, 0, 2, 3, ...data, 0, 0, 0, 0, 0, 0]; // "bc" expanded
    let chk = 1;
    for (const v of values) {
      const b = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (let i = 0; i < 5; i++) if ((b >> i) & 1) chk ^= GEN[i]!;
    }
    const mod = (chk ^ constant) >>> 0;
    const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
    return `bc1${[...data, ...checksum].map((d) => CHARSET[d]).join('')}`;
  }

  it('takes zero padding of at most 4 bits only', () => {
    // Version 1 (bech32m); 4 groups = 20 bits = 2 bytes + 4 bits of padding.
    expect(isSegwitAddress(encodeBc([1, 1, 2, 3, 0], 0x2bc830a3))).toBe(true);
    expect(isSegwitAddress(encodeBc([1, 1, 2, 3, 1], 0x2bc830a3))).toBe(false); // non-zero
    // 5 groups = 25 bits = 3 bytes + 1 bit; 7 groups = 35 bits = 4 bytes + 3 bits.
    expect(isSegwitAddress(encodeBc([1, 1, 2, 3, 4, 0], 0x2bc830a3))).toBe(true);
    expect(isSegwitAddress(encodeBc([1, 1, 2, 3, 4, 5, 6, 0], 0x2bc830a3))).toBe(true);
    expect(isSegwitAddress(encodeBc([1, 1, 2, 3, 4, 5, 6, 1], 0x2bc830a3))).toBe(false);
    // 8 groups = 40 bits = 5 bytes exactly; 9 groups leave 5 bits over, too many.
    expect(isSegwitAddress(encodeBc([1, 1, 2, 3, 4, 5, 6, 7, 8], 0x2bc830a3))).toBe(true);
    expect(isSegwitAddress(encodeBc([1, 1, 2, 3, 4, 5, 6, 7, 8, 0], 0x2bc830a3))).toBe(false);
    // Version 0 wants bech32, not bech32m.
    expect(isSegwitAddress(encodeBc([0, ...Array<number>(32).fill(0)], 1))).toBe(true);
    expect(isSegwitAddress(encodeBc([0, ...Array<number>(32).fill(0)], 0x2bc830a3))).toBe(false);
  });
});

describe('Ethereum addresses (EIP-55)', () => {
  // EIP-55's own examples.
  const CHECKSUMMED = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];
  const ONE_CASE = [
    '0x52908400098527886E0F7030069857D2E4169EE7',
    '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
    '0xde709f2102306220921060314715629080e2fb77',
    '0x27b1fdb04752bbc536007a920d24acb045561c26',
  ];

  it('accepts checksummed addresses and unchecksummed ones of one case', () => {
    for (const address of [...CHECKSUMMED, ...ONE_CASE])
      expect(isEthereumAddress(address), address).toBe(true);
  });

  it('refuses a checksummed address with one letter’s case flipped', () => {
    for (const address of CHECKSUMMED) {
      for (let at = 2; at < address.length; at++) {
        const char = address[at]!;
        if (!/[a-f]/i.test(char)) continue;
        const flipped = char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase();
        const changed = address.slice(0, at) + flipped + address.slice(at + 1);
        expect(isEthereumAddress(changed), changed).toBe(false);
      }
    }
  });

  it('accepts a checksummed address written all in lower or all in upper case', () => {
    expect(isEthereumAddress(CHECKSUMMED[0]!.toLowerCase())).toBe(true);
    expect(isEthereumAddress(`0x${CHECKSUMMED[0]!.slice(2).toUpperCase()}`)).toBe(true);
  });

  it('refuses a wrong length, a missing 0x and non-hex characters', () => {
    expect(isEthereumAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe')).toBe(false);
    expect(isEthereumAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed0')).toBe(false);
    expect(isEthereumAddress('a0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe(false);
    expect(isEthereumAddress('5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00')).toBe(false);
    expect(isEthereumAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg')).toBe(false);
  });
});
