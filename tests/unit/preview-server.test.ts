import { get, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewHandler } from '../../src/build-time/preview/server.ts';

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise it). */
function request(
	port: number,
	path: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; body: string; encoding?: string }> {
	return new Promise((done, fail) => {
		get({ host: '127.0.0.1', port, path, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				const encoding = res.headers['content-encoding'];
				const body = (encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
				done({ status: res.statusCode ?? 0, body, ...(encoding ? { encoding } : {}) });
			});
		}).on('error', fail);
	});
}

describe('the preview server', () => {
	let server: Server;
	let port: number;

	beforeAll(async () => {
		server = createServer(
			previewHandler({
				packages: () => [],
				live: {
					packaged: new Map(),
					subscribe: () => {
						throw new Error('planted fault');
					}
				}
			})
		);
		await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
		port = (server.address() as AddressInfo).port;
	});
	afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

	it('answers 400 to a malformed URL and goes on serving', async () => {
		expect((await request(port, '/%E0%A4%A')).status).toBe(400);
		expect((await request(port, '/preview/%')).status).toBe(400);
		expect(await request(port, '/preview/packages.json')).toEqual({ status: 200, body: '[]' });
	});

	it('answers 500 to a fault while answering and goes on serving', async () => {
		const errors: unknown[] = [];
		const logged = console.error;
		console.error = (...args: unknown[]) => errors.push(args);
		try {
			expect((await request(port, '/preview/events')).status).toBe(500);
		} finally {
			console.error = logged;
		}
		expect(errors).toHaveLength(1);
		expect((await request(port, '/preview/packages.json')).status).toBe(200);
	});

	it('sends text gzipped to a browser that accepts it, as LMS web servers do', async () => {
		const page = await request(port, '/', { 'accept-encoding': 'gzip, deflate, br' });
		expect(page).toMatchObject({ status: 200, encoding: 'gzip' });
		expect(page.body).toContain('<title>Preview LMS</title>');
		expect((await request(port, '/')).encoding).toBeUndefined();
	});

	it('answers 404 to what it does not serve', async () => {
		expect((await request(port, '/nothing-here')).status).toBe(404);
		expect((await request(port, '/preview/map?course=none')).status).toBe(404);
	});
});
