import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';

/**
 * Raw, gzip (level 9) and brotli (quality 11) byte sizes of a file's contents and its SRI hash.
 * The size budgets in test/build are checked against these numbers.
 */
export const fileSizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  integrity: 'sha384-' + createHash('sha384').update(buf).digest('base64'),
});
