import { PassThrough } from 'node:stream';
import { createImportProgress } from '../../src/import';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  const pass = new PassThrough();
  let text = '';
  pass.on('data', (chunk: Buffer) => (text += chunk.toString()));
  Object.assign(pass, { isTTY, columns: 100 });
  return { stream: pass as unknown as NodeJS.WriteStream, written: () => text };
}

describe('createImportProgress', () => {
  it('draws one bar per file on a terminal', async () => {
    const { stream, written } = fakeStream(true);
    const progress = createImportProgress(stream);
    progress.onProgress('crm/contacts.jsonl', 1_048_576, 2_097_152);
    progress.onProgress('crm/contacts.jsonl', 2_097_152, 2_097_152);
    progress.onProgress('pos/members.csv', 0, 0);
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toContain('100% | crm/contacts.jsonl | 2.0/2.0 MB');
    expect(written()).toContain('100% | pos/members.csv | 0.0/0.0 MB');
  });

  it('prints nothing when the output is not a terminal', async () => {
    const { stream, written } = fakeStream(false);
    const progress = createImportProgress(stream);
    progress.onProgress('crm/contacts.jsonl', 10, 20);
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe('');
  });
});
