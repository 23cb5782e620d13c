/**
 * A UDP DNS server on 127.0.0.1 that answers from a fixed zone, for the `dns` check: right and wrong
 * answers, NXDOMAIN, an empty answer, and a name it never answers (to reach the deadline).
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import { once } from 'node:events';
import dnsPacket, { type Answer } from 'dns-packet';

/** NXDOMAIN in the RCODE bits of the header flags (RFC 1035 §4.1.1). */
const RCODE_NXDOMAIN = 3;

/** What the server does for a name: answer with these records, or stay silent. */
export type ZoneEntry = { records: Answer[] } | 'silent';

/** Names not in the zone get NXDOMAIN; a name whose records lack the type asked gets no answers. */
export type Zone = Record<string, ZoneEntry>;

/** A running DNS server. */
export interface TestDnsServer {
  /** `127.0.0.1:port`, as the check's `server` option takes it. */
  address: string;
  /** Queries received so far. */
  queries(): number;
  close(): Promise<void>;
}

/** Starts a DNS server that answers from `zone`. */
export async function startDnsServer(zone: Zone): Promise<TestDnsServer> {
  const socket = createSocket('udp4');
  let queries = 0;
  socket.on('message', (message: Buffer, from: RemoteInfo) => {
    queries += 1;
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (question === undefined) return;
    const entry = zone[question.name.toLowerCase()];
    if (entry === 'silent') return;
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags:
        dnsPacket.RECURSION_DESIRED |
        dnsPacket.RECURSION_AVAILABLE |
        (entry === undefined ? RCODE_NXDOMAIN : 0),
      questions: [question],
      answers: entry === undefined ? [] : entry.records.filter((r) => r.type === question.type),
    });
    socket.send(response, from.port, from.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries: () => queries,
    close: async () => {
      socket.close();
      await once(socket, 'close');
    },
  };
}
