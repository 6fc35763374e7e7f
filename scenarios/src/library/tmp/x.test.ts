import { it } from 'vitest';
import { enumeratePaths } from '../../explore.ts';
import { compileScenario } from '../../compileScenario.ts';
import { LIBRARY } from '../index.ts';
it('paths', () => {
  const t = Date.now(); const r = enumeratePaths(compileScenario(LIBRARY[process.env.SID!]!));
  console.log('RESULT', process.env.SID, Date.now() - t, 'ms', r.paths.length, r.truncated);
}, 120000);
