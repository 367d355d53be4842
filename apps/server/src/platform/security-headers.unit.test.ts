import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import helmet from 'helmet';
import { helmetHeaders } from './security-headers.js';

describe('security headers', () => {
  it('are exactly what Helmet sets on a real response', () => {
    const req = new IncomingMessage(new Socket());
    const res = new ServerResponse(req);
    res.setHeader('X-Powered-By', 'something');
    const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ['data:'] } } };
    helmet(options)(req, res, () => {});
    const real = Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
    expect(helmetHeaders(options)).toEqual(real);
    expect(real['x-powered-by']).toBeUndefined();
    expect(real['content-security-policy']).toContain('img-src data:');
  });

  it('include the policy the application asks for', () => {
    const headers = helmetHeaders();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(Object.keys(headers)).toEqual(
      expect.arrayContaining([
        'strict-transport-security',
        'x-frame-options',
        'referrer-policy',
        'x-content-type-options',
      ]),
    );
  });
});
