import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ValidationError } from '../../src/core/validation';
import { awsDeps, readTaskEnvironment } from '../../src/lambda/aws-deps';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../src/local/dynamo-local';

// A minimal S3 on 127.0.0.1 (path-style GetObject only) serving the config bucket's objects.
const objects = new Map<string, string>([
  ['/config-bucket/config/catalogue-1.json', readFileSync('test/infra/fixtures/catalogue.json', 'utf8')],
  ['/config-bucket/config/sources-1.json', readFileSync('test/infra/fixtures/sources.json', 'utf8')],
  [
    '/config-bucket/config/catalogue-bad.json',
    readFileSync('test/infra/fixtures/catalogue-bad-schedule.json', 'utf8'),
  ],
  ['/config-bucket/config/not-json.json', '{ "plan": '],
]);
const requested: string[] = [];
let server: Server;
let s3Endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    requested.push(`${req.method} ${path}`);
    const body = objects.get(path);
    if (req.method === 'GET' && body !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/xml' });
    res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>not found</Message></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  s3Endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ENV = {
  TABLE_NAME: 'gongkai-aws-deps-test',
  ARCHIVE_BUCKET: 'archive-bucket',
  REPORTS_BUCKET: 'reports-bucket',
  CONFIG_BUCKET: 'config-bucket',
  CATALOGUE_KEY: 'config/catalogue-1.json',
  SOURCES_KEY: 'config/sources-1.json',
  TOPIC_ARN: 'arn:aws:sns:ap-east-1:123456789012:flags',
};

const deps = (env: Record<string, string>) =>
  awsDeps({
    env,
    clientConfig: {
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      s3Endpoint,
      dynamoEndpoint: inject('dynamoEndpoint'),
      snsEndpoint: 'http://127.0.0.1:9',
    },
  });

describe('awsDeps (Lambda cold start)', () => {
  it('reads the catalogue and sources the stack names from the config bucket', async () => {
    const built = await deps(ENV);
    expect(built.catalogue.obligations.map((o) => o.id)).toEqual(['jm2016-010']);
    expect(built.sources.sources.map((s) => s.id)).toEqual(['jm-tourism']);
    expect(requested).toEqual(
      expect.arrayContaining([
        'GET /config-bucket/config/catalogue-1.json',
        'GET /config-bucket/config/sources-1.json',
      ]),
    );
    expect(Object.keys(built.stores).sort()).toEqual(
      [
        'archive',
        'crawl',
        'documents',
        'evidence',
        'flags',
        'health',
        'judgements',
        'ledger',
        'notifier',
        'verdicts',
      ].sort(),
    );
  });

  it('refuses an invalid catalogue, naming its S3 location and the JSON path', async () => {
    const error = await deps({ ...ENV, CATALOGUE_KEY: 'config/catalogue-bad.json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).what).toBe('s3://config-bucket/config/catalogue-bad.json');
    expect((error as ValidationError).problems.join('\n')).toContain('obligations[0].schedule');
  });

  it('refuses a config object that is not JSON', async () => {
    const error = await deps({ ...ENV, SOURCES_KEY: 'config/not-json.json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]).toMatch(/^not valid JSON/);
  });

  it('names every missing or malformed environment variable', () => {
    const { TABLE_NAME: _dropped, ...rest } = ENV;
    try {
      readTaskEnvironment({ ...rest, TOPIC_ARN: 'flags' });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).problems).toEqual([
        expect.stringMatching(/^TABLE_NAME: /),
        expect.stringMatching(/^TOPIC_ARN: expected an SNS topic ARN/),
      ]);
    }
  });

  it('defaults the archive and report prefixes the stack scopes its grants to', () => {
    expect(readTaskEnvironment(ENV)).toMatchObject({ ARCHIVE_PREFIX: 'archive', REPORTS_PREFIX: 'reports' });
  });
});
