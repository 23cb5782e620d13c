/** Whether a local port can be listened on, asked of the operating system itself. */
import { createServer } from 'node:net';

/** True when another process listens on `host:port` (EADDRINUSE); port 0 is never taken. */
export async function portTaken(port: number, host: string): Promise<boolean> {
  if (port === 0) return false;
  const server = createServer();
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, host, done);
    });
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
    throw error;
  } finally {
    server.close();
  }
}
