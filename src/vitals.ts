/** Entry of kizuna-vitals.js: hands the web-vitals reporter to the core that loaded this file. */
import { reportVitals } from './core/report-vitals';

(window as unknown as { __kizunaVitals?: (r: typeof reportVitals) => void }).__kizunaVitals?.(reportVitals);
