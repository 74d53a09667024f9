import { redactContactDetails } from '../../src/privacy';
import { buildProgram } from './program';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`omnidex: ${redactContactDetails(error instanceof Error ? error.message : String(error))}`);
    process.exitCode = 1;
  });
