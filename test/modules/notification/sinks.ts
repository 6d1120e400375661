/**
 * Two tiny servers that stand in for the outside world: an SMTP sink (just
 * enough of RFC 5321 for nodemailer) and a webhook receiver. Both listen on
 * loopback and keep what they receive.
 */
import { createServer as createHttpServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';

export interface Mail {
  from: string;
  to: string[];
  data: string;
}

export interface SmtpSink {
  url: string;
  mails: Mail[];
  /** The AUTH lines received (credentials from the URL). */
  auths: string[];
  close(): Promise<void>;
}

const closeServer = (server: NetServer | HttpServer): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

export async function smtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const auths: string[] = [];
  const server = createNetServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let current: Mail = { from: '', to: [], data: '' };
    socket.write('220 sink.test ESMTP\r\n');
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          mails.push({ ...current, data: buffer.slice(0, end) });
          current = { from: '', to: [], data: '' };
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 2.0.0 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol === -1) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.split(' ')[0]?.toUpperCase() ?? '';
        if (verb === 'EHLO') socket.write('250-sink.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO') socket.write('250 sink.test\r\n');
        else if (verb === 'AUTH') {
          auths.push(line);
          socket.write('235 2.7.0 Authentication successful\r\n');
        } else if (verb === 'MAIL') {
          current.from = line;
          socket.write('250 2.1.0 OK\r\n');
        } else if (verb === 'RCPT') {
          current.to.push(line);
          socket.write('250 2.1.5 OK\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
        else if (verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
        else socket.write('502 5.5.1 Not implemented\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `smtp://luoshi:s3cret@127.0.0.1:${port}`, mails, auths, close: () => closeServer(server) };
}

/** The text of RFC 2047 encoded words ("=?UTF-8?B?…?=") in a header. */
export function decodeHeader(raw: string): string {
  return raw
    .replace(/\r\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

export function headerOf(mail: Mail, name: string): string {
  const head = mail.data.split('\r\n\r\n')[0] ?? '';
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return decodeHeader(line?.slice(name.length + 1).trim() ?? '');
}

/** The text of a single-part mail, decoded from its transfer encoding. */
export function bodyOf(mail: Mail): string {
  const body = mail.data.split('\r\n\r\n').slice(1).join('\r\n\r\n');
  const encoding = headerOf(mail, 'Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

export interface WebhookSink {
  url: string;
  posts: { body: unknown; contentType: string | undefined }[];
  /** What the next requests get: a status, or 'hang' to never answer. */
  mode: number | 'hang';
  close(): Promise<void>;
}

export async function webhookSink(): Promise<WebhookSink> {
  const sink: WebhookSink = { url: '', posts: [], mode: 200, close: () => Promise.resolve() };
  const hanging = new Set<ServerResponse>();
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (sink.mode === 'hang') {
        hanging.add(res);
        return;
      }
      sink.posts.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown, contentType: req.headers['content-type'] });
      res.statusCode = sink.mode;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sink.url = `http://127.0.0.1:${port}/hook`;
  sink.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await closeServer(server);
  };
  return sink;
}
