import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectNotFoundError } from './object-store';
import { s3Store } from './s3-store';
import { signRequest } from './sigv4';

const AWS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };

describe('Signature Version 4 (known answers from the AWS S3 documentation)', () => {
  it('GET Object with a Range header', () => {
    const h = signRequest({
      method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', now: new Date('2013-05-24T00:00:00Z'), credentials: AWS,
    });
    expect(h.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('PUT Object with a key that needs encoding and extra signed headers', () => {
    const h = signRequest({
      method: 'PUT', url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
      headers: { date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      payloadHash: '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072', now: new Date('2013-05-24T00:00:00Z'), credentials: AWS,
    });
    expect(h.authorization).toContain('Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });
});

describe('the S3-compatible evidence store against a local S3 server (s3rver)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-s3-'));
  let server: S3rver;
  let endpoint: string;
  beforeAll(async () => {
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'evidence', configs: [] }] });
    const { port } = await server.run() as unknown as { port: number };
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const store = () => s3Store({ endpoint, bucket: 'evidence', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' });

  it('puts, reads back as a stream, tells existence and deletes; a missing key is ObjectNotFoundError', async () => {
    const s = store();
    const body = Buffer.from('佐证材料 evidence bytes');
    await s.put('evidence/2026/ab/cd.jpg', body);
    expect(await s.exists('evidence/2026/ab/cd.jpg')).toBe(true);
    expect(await text(await s.get('evidence/2026/ab/cd.jpg'))).toBe('佐证材料 evidence bytes');
    await s.delete('evidence/2026/ab/cd.jpg');
    await s.delete('evidence/2026/ab/cd.jpg'); // deleting twice is fine
    expect(await s.exists('evidence/2026/ab/cd.jpg')).toBe(false);
    await expect(s.get('evidence/2026/ab/cd.jpg')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  // s3rver checks who signs but not the v4 signature itself; the AWS vectors above prove the signing.
  it('an unknown access key is refused by the server, with its error code in the message', async () => {
    const bad = s3Store({ endpoint, bucket: 'evidence', accessKeyId: 'NOBODY', secretAccessKey: 'wrong', region: 'us-east-1' });
    await expect(bad.put('evidence/x.jpg', Buffer.from('x'))).rejects.toThrow(/InvalidAccessKeyId/);
  });

  it('keys are ours: a traversal attempt never reaches the server', async () => {
    await expect(store().put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
  });
});
