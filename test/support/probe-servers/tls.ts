/**
 * HTTPS servers on 127.0.0.1, one per certificate a prober must judge: valid, expired, for the
 * wrong host name, expiring within the warning window, and self-signed. The certificates are made
 * at setup with the `openssl` CLI in a temporary folder, under a throwaway CA whose PEM the tests
 * pass as `ctx.ca`. `openssl ca` is used for the leaves because OpenSSL 3.0's `x509 -req` cannot
 * set a start date in the past, which an expired certificate needs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closeServer, createRoutes, listen } from './http.ts';

const run = promisify(execFile);
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The certificates served, one server each. */
export const CERTIFICATES = [
  'valid',
  'expired',
  'wrongHost',
  'expiringSoon',
  'selfSigned',
] as const;
export type CertificateName = (typeof CERTIFICATES)[number];

/** Each CA-signed leaf: its extensions (names) and its validity relative to now. */
const LEAVES: Record<
  Exclude<CertificateName, 'selfSigned'>,
  { extensions: 'leaf_localhost' | 'leaf_wrong'; from: number; to: number }
> = {
  valid: { extensions: 'leaf_localhost', from: -DAY_MS, to: 90 * DAY_MS },
  // Ended 3 days and an hour ago: "expired 3 days ago" whatever the second the test runs.
  expired: { extensions: 'leaf_localhost', from: -30 * DAY_MS, to: -3 * DAY_MS - HOUR_MS },
  wrongHost: { extensions: 'leaf_wrong', from: -DAY_MS, to: 90 * DAY_MS },
  // Ends in 5 days and an hour: "expires in 5 days".
  expiringSoon: { extensions: 'leaf_localhost', from: -DAY_MS, to: 5 * DAY_MS + HOUR_MS },
};

/** The running HTTPS servers and the CA that signed their certificates. */
export interface TlsServers {
  /** The test CA's certificate (PEM), to pass as `ctx.ca`. */
  ca: string;
  ports: Record<CertificateName, number>;
  close(): Promise<void>;
}

/** Makes the certificates and starts one HTTPS server (with the HTTP test routes) for each. */
export async function startTlsServers(): Promise<TlsServers> {
  const dir = await mkdtemp(join(tmpdir(), 'heliograph-tls-'));
  try {
    const pems = await makeCertificates(dir);
    const servers = await Promise.all(
      CERTIFICATES.map(async (name) => {
        const routes = createRoutes();
        const server = createServer(pems[name], (req, res) => routes.handle(req, res));
        return { name, server, port: await listen(server) };
      }),
    );
    const ports = Object.fromEntries(servers.map((s) => [s.name, s.port])) as Record<
      CertificateName,
      number
    >;
    return {
      ca: pems.ca,
      ports,
      close: async () => {
        await Promise.all(servers.map((s) => closeServer(s.server)));
      },
    };
  } finally {
    // Node holds the PEMs in memory; the files are no longer needed.
    await rm(dir, { recursive: true, force: true });
  }
}

/** A private key and its certificate (PEM). */
export interface KeyPair {
  key: string;
  cert: string;
}

/**
 * A valid certificate for 127.0.0.1 and localhost and the throwaway CA that signed it, for other
 * TLS servers of the tests (an SMTP server's STARTTLS).
 */
export async function makeLocalCertificate(): Promise<KeyPair & { ca: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'heliograph-tls-'));
  try {
    const pems = await makeCertificates(dir);
    return { ...pems.valid, ca: pems.ca };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function makeCertificates(
  dir: string,
): Promise<Record<CertificateName, KeyPair> & { ca: string }> {
  await writeFile(join(dir, 'openssl.cnf'), opensslConfig(dir));
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  /** Runs an openssl command written as one line (no argument contains a space). */
  const openssl = async (command: string): Promise<void> => {
    try {
      await run('openssl', command.split(/\s+/), { cwd: dir });
    } catch (error) {
      throw new Error(`"openssl ${command}" failed in ${dir}`, { cause: error });
    }
  };
  const newKey = '-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes';

  await openssl(
    `req -config openssl.cnf -x509 ${newKey} -keyout ca.key -out ca.pem ` +
      '-subj /CN=Heliograph-Test-CA -days 365 -extensions ca_ext',
  );
  await openssl(
    `req -config openssl.cnf -x509 ${newKey} -keyout selfSigned.key -out selfSigned.pem ` +
      '-subj /CN=localhost -days 90 -extensions leaf_localhost',
  );
  // One after the other: `openssl ca` updates its database and serial files.
  for (const [name, leaf] of Object.entries(LEAVES)) {
    await openssl(
      `req -config openssl.cnf -new ${newKey} -keyout ${name}.key -out ${name}.csr -subj /CN=${name}`,
    );
    await openssl(
      `ca -config openssl.cnf -batch -notext -cert ca.pem -keyfile ca.key ` +
        `-in ${name}.csr -out ${name}.pem -extensions ${leaf.extensions} ` +
        `-startdate ${asn1Time(Date.now() + leaf.from)} -enddate ${asn1Time(Date.now() + leaf.to)}`,
    );
  }
  const read = (file: string) => readFile(join(dir, file), 'utf8');
  const pair = async (name: CertificateName): Promise<KeyPair> => ({
    key: await read(`${name}.key`),
    cert: await read(`${name}.pem`),
  });
  return {
    ca: await read('ca.pem'),
    valid: await pair('valid'),
    expired: await pair('expired'),
    wrongHost: await pair('wrongHost'),
    expiringSoon: await pair('expiringSoon'),
    selfSigned: await pair('selfSigned'),
  };
}

/** A minimal configuration for `openssl req` and `openssl ca` (no system openssl.cnf needed). */
function opensslConfig(dir: string): string {
  return `
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca ]
default_ca = test_ca
[ test_ca ]
database = ${dir}/index.txt
new_certs_dir = ${dir}
serial = ${dir}/serial
default_md = sha256
policy = any_name
unique_subject = no
email_in_dn = no
[ any_name ]
commonName = supplied
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ leaf_localhost ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[ leaf_wrong ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
`;
}

/** `YYYYMMDDHHMMSSZ`, the form `openssl ca -startdate/-enddate` takes. */
function asn1Time(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
