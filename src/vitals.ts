/** Entry of kizuna-vitals.js: hands the web-vitals reporter to the core that injected this file. */
import { reportVitals } from './core/report-vitals';
import { VITALS_GLOBAL } from './loader/load-vitals';

const take = (window as unknown as Record<string, ((r: typeof reportVitals) => void) | undefined>)[VITALS_GLOBAL];
if (typeof take == 'function') take(reportVitals);
