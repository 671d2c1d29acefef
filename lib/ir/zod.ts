/**
 * zod, loaded when the first schema is built rather than when hubspoke is imported: zod is about
 * a hundred modules, more than the rest of `import('hubspoke')` together, and a program that
 * only verifies configs, or only imports a subpath, validates no props. Schemas are built on
 * first use too (`lazy(() => zod().object(...))`); `import type { z } from 'zod'` keeps their types.
 */
import type * as Zod from 'zod';
import { lazy, lazyRequire } from './lazy.js';

const zodModule = lazyRequire<typeof Zod>('zod');

/** The `z` namespace of zod, loaded on the first call. */
export const zod: () => typeof Zod.z = lazy(() => zodModule().z);
