import { startHost } from './host';

/** The source mode of the preview host (npm run preview): the app's src/module.tsx bundled with the host. */
startHost(() => import('../../src/module'));
