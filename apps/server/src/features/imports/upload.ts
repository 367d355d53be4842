import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { newId } from '../../platform/ids.js';
import { badUpload, fileTooLarge, notMultipart } from './errors.js';
import { formatOf, type ImportFormat } from './reader.js';

/** Uploads are refused above this size (streamed to disk, never held in memory). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export type Upload = {
  fileName: string;
  format: ImportFormat;
  path: string;
  sha256: string;
  size: number;
  fields: Record<string, string>;
};

export const uploadDir = (dataDir: string, orgId: string) => path.join(dataDir, 'imports', orgId);

/**
 * Receives a multipart upload: the `file` part streams to a file under the data directory (hashed
 * on the way), the text parts are collected. On any problem the file is removed.
 */
export async function receiveUpload(req: FastifyRequest, dataDir: string, orgId: string): Promise<Upload> {
  if (!req.isMultipart()) throw notMultipart();
  const dir = uploadDir(dataDir, orgId);
  await mkdir(dir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: Omit<Upload, 'fields'> | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 20 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
        continue;
      }
      const format = part.fieldname === 'file' ? formatOf(part.filename) : null;
      if (!format) {
        part.file.resume();
        await new Promise((r) => part.file.on('end', r));
        throw badUpload('expected a .csv or .xlsx file in the field "file"');
      }
      const target = path.join(dir, `${newId()}.${format}`);
      file = { fileName: part.filename, format, path: target, sha256: '', size: 0 };
      const hash = createHash('sha256');
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(part.file, tap, createWriteStream(target));
      if (part.file.truncated) throw fileTooLarge(MAX_IMPORT_BYTES);
      file.sha256 = hash.digest('hex');
      file.size = size;
    }
    if (!file) throw badUpload('no file was sent');
    return { ...file, fields };
  } catch (err) {
    if (file) await rm(file.path, { force: true });
    throw err;
  }
}
